using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.History;

/// <summary>A link changed outcome (the first result of a link is a transition from nothing).</summary>
public sealed record LinkTransition(
    string AgentId,
    string ProbeId,
    string FlowId,
    string TargetHost,
    int Port,
    ProbeOutcome? From,
    ProbeOutcome To,
    DateTimeOffset At);
