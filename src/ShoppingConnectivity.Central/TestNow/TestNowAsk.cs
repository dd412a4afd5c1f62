namespace ShoppingConnectivity.Central.TestNow;

/// <summary>An agent asked to run <see cref="ProbeIds"/> now; <see cref="HostName"/> as the estate spells it.</summary>
public sealed record TestNowAsk(string AgentId, string HostName, IReadOnlyList<string> ProbeIds);
