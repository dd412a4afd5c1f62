namespace ShoppingConnectivity.Agent.Probes.DceRpc;

/// <summary>What the endpoint mapper answered one call: its status (0 = found) and the towers it named.</summary>
/// <param name="Fault">The call failed as a whole (a fault PDU, e.g. access denied) rather than with an ept status.</param>
public sealed record EndpointMapperReply(uint Status, IReadOnlyList<RpcTower> Towers, bool Fault = false)
{
    public string StatusText => EndpointMapper.StatusName(Status);
}
