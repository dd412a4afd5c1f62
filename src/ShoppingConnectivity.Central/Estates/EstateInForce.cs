namespace ShoppingConnectivity.Central.Estates;

/// <summary>GET /api/v1/estate: the estate in force, where it came from, and the problems of the last file edit (if it failed).</summary>
/// <param name="RpcDynamicPorts">The estate's dynamic RPC range ("49152-65535"); null: Windows' default.</param>
public sealed record EstateInForce(
    string Name,
    string? Path,
    long Version,
    EstateSource? Source,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    DateTimeOffset LoadedAt,
    IReadOnlyList<string> LastReloadErrors,
    IReadOnlyList<EstateHostInForce> Hosts,
    IReadOnlyDictionary<string, bool> Switches,
    IReadOnlyDictionary<string, int> Ports,
    string? RpcDynamicPorts = null)
{
    public static EstateInForce Of(EstateStore store)
    {
        var state = store.State;
        var estate = state.Estate;
        return new EstateInForce(
            estate.Name, store.Path, state.Version, state.Source, state.UpdatedAt, state.UpdatedBy, state.LoadedAt, state.LastReloadErrors,
            estate.Hosts.Select(h => new EstateHostInForce(h.Name, h.EffectiveAddress, h.Roles, h.Ports, h.RpcDynamicPorts?.ToString())).ToList(),
            estate.Switches, estate.Ports, estate.RpcDynamicPorts?.ToString());
    }
}
