using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>One link with its streak, as handed to the rule.</summary>
/// <param name="Silent">No fresh result (the agent is silent or the probe stopped): left out, like the diagram's grey.</param>
/// <param name="Degraded">Reachable but not healthy (a certificate near or past expiry): the agent's flag, read with <paramref name="Detail"/>.</param>
public sealed record AlertLink(
    string SourceHost,
    string TargetHost,
    int Port,
    ProbeOutcome Outcome,
    string? Detail,
    LinkStreak Streak,
    bool Silent,
    bool Degraded = false);
