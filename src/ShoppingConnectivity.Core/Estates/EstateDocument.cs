namespace ShoppingConnectivity.Core.Estates;

/// <summary>The file's shape, loose on purpose (everything nullable) so validation can name each missing field.</summary>
public sealed class EstateDocument
{
    public string? Name { get; set; }
    public Dictionary<string, bool>? Switches { get; set; }
    public Dictionary<string, int>? Ports { get; set; }
    public List<EstateHostDocument?>? Hosts { get; set; }

    public static EstateDocument From(Estate estate) => new()
    {
        Name = estate.Name,
        Switches = new Dictionary<string, bool>(estate.Switches),
        Ports = new Dictionary<string, int>(estate.Ports),
        Hosts = estate.Hosts.Select(h => (EstateHostDocument?)new EstateHostDocument
        {
            Name = h.Name,
            Address = h.Address,
            Roles = [.. h.Roles],
            Ports = h.Ports.Count == 0 ? null : new Dictionary<string, int>(h.Ports),
        }).ToList(),
    };
}
