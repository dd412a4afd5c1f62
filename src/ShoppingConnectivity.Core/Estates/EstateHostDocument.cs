namespace ShoppingConnectivity.Core.Estates;

public sealed class EstateHostDocument
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public List<string?>? Roles { get; set; }
    public Dictionary<string, int>? Ports { get; set; }
    /// <summary>This host's dynamic RPC range when it differs from the estate's (an older or restricted server).</summary>
    public string? RpcDynamicPorts { get; set; }
}
