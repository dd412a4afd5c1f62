namespace ShoppingConnectivity.Core.Estates;

/// <summary>The file's shape, loose on purpose (everything nullable) so validation can name each missing field.</summary>
public sealed class EstateDocument
{
    public string? Name { get; set; }
    public Dictionary<string, bool>? Switches { get; set; }
    public Dictionary<string, int>? Ports { get; set; }
    /// <summary>The hosts' dynamic RPC range ("49152-65535"); null: Windows' default. Hosts can override it.</summary>
    public string? RpcDynamicPorts { get; set; }
    public List<EstateHostDocument?>? Hosts { get; set; }

    public static EstateDocument From(Estate estate) => new()
    {
        Name = estate.Name,
        Switches = new Dictionary<string, bool>(estate.Switches),
        Ports = new Dictionary<string, int>(estate.Ports),
        RpcDynamicPorts = estate.RpcDynamicPorts?.ToString(),
        Hosts = estate.Hosts.Select(h => (EstateHostDocument?)new EstateHostDocument
        {
            Name = h.Name,
            Address = h.Address,
            Roles = [.. h.Roles],
            Ports = h.Ports.Count == 0 ? null : new Dictionary<string, int>(h.Ports),
            RpcDynamicPorts = h.RpcDynamicPorts?.ToString(),
        }).ToList(),
    };
}
