namespace ShoppingConnectivity.Core.Estates;

/// <summary>A machine of the estate. <see cref="Address"/> defaults to the name (resolved by DNS on the agent).</summary>
public sealed record EstateHost(
    string Name,
    string? Address,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, int> Ports)
{
    /// <summary>This host's own dynamic RPC range (an older or restricted server); null: the estate's.</summary>
    public RpcPortRange? RpcDynamicPorts { get; init; }

    public string EffectiveAddress => string.IsNullOrWhiteSpace(Address) ? Name : Address;
}
