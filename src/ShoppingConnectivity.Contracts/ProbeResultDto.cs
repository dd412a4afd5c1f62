namespace ShoppingConnectivity.Contracts;

/// <summary>
/// One run of a probe as reported by an agent. <see cref="Degraded"/> marks a reachable but unhealthy answer
/// (a certificate near expiry, say): the edge shows amber, not green.
/// </summary>
public sealed record ProbeResultDto(
    string ProbeId,
    string FlowId,
    ProbeOutcome Outcome,
    double? LatencyMs,
    string? Detail,
    DateTimeOffset At,
    bool Degraded = false);
