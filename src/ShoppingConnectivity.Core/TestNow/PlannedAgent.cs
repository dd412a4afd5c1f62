using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.TestNow;

/// <summary>One agent (its id is its host's name in lower case) and the probes of its plan.</summary>
public sealed record PlannedAgent(string AgentId, IReadOnlyList<PlannedProbe> Probes);
