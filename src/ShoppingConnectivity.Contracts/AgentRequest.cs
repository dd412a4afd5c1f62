namespace ShoppingConnectivity.Contracts;

/// <summary>Central asks the agent to run <see cref="ProbeIds"/> (of its plan) now, once, outside their interval ("Test now").</summary>
public sealed record AgentRequest(Guid RequestId, IReadOnlyList<string> ProbeIds);
