namespace ShoppingConnectivity.Core.TestNow;

/// <summary>The probes one agent is asked to run now.</summary>
public sealed record AgentAsk(string AgentId, IReadOnlyList<string> ProbeIds);
