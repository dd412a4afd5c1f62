using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>An enrolled agent: its token and the probes of its plan.</summary>
public sealed record SimAgent(string Host, string AgentId, string Token, IReadOnlyList<PlannedProbe> Probes);
