using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>What one run of a probe found. <see cref="Degraded"/>: reachable but unhealthy (certificate near expiry...).</summary>
public sealed record ProbeFinding(ProbeOutcome Outcome, double? LatencyMs, string Detail, bool Degraded = false);
