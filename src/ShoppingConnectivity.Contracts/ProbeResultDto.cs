using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Contracts;

/// <summary>
/// One run of a probe as reported by an agent. <see cref="Degraded"/> marks a reachable but unhealthy answer
/// (a certificate near expiry, say): the edge shows amber, not green. <see cref="Outcome"/> must be sent: a result
/// without one would otherwise read as the default, Reachable.
/// </summary>
public sealed record ProbeResultDto(
    string ProbeId,
    string FlowId,
    [property: JsonRequired] ProbeOutcome Outcome,
    double? LatencyMs,
    string? Detail,
    DateTimeOffset At,
    bool Degraded = false);
