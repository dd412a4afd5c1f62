namespace ShoppingConnectivity.Contracts;

/// <summary>
/// One concrete check: this agent to <see cref="Address"/>:<see cref="Port"/>, of a <see cref="Kind"/> named in
/// <see cref="ProbeKinds"/>. The optional fields feed the protocol-aware kinds and are null where they do not apply.
/// </summary>
/// <param name="HttpPath">http/https: the path to GET.</param>
/// <param name="ExpectStatus">http/https/tachyon: the statuses that prove the service, e.g. "200-399,401".</param>
/// <param name="DiscoveryUrl">tachyon: the Website URL that names the Tachyon agent's loopback URL.</param>
/// <param name="RpcDynamicPorts">rpc: the target's dynamic RPC port range as the estate sets it ("49152-65535"); the
/// endpoint mapper names ports in it, and a failure there is reported against it. Null: Windows' default.</param>
public sealed record PlannedProbe(
    string ProbeId,
    string FlowId,
    string Kind,
    string TargetHost,
    string Address,
    int Port,
    int TimeoutMs,
    int IntervalSeconds,
    string? HttpPath = null,
    string? ExpectStatus = null,
    string? DiscoveryUrl = null,
    string? RpcDynamicPorts = null);
