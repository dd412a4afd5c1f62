using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>The current state of one probe on one agent, with since-when.</summary>
public sealed record LinkSnapshot(
    string AgentId,
    string ProbeId,
    string FlowId,
    string TargetHost,
    int Port,
    ProbeOutcome Outcome,
    DateTimeOffset Since,
    DateTimeOffset LastAt,
    double? LatencyMs,
    string? Detail,
    int IntervalSeconds,
    bool Degraded = false);
