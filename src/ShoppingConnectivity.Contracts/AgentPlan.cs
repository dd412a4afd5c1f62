namespace ShoppingConnectivity.Contracts;

/// <summary>
/// Everything one agent must probe. <see cref="Version"/> doubles as the ETag. <see cref="Reporting"/> says how soon
/// results must reach central (null from a central that predates it: the agent then sends every result at its push
/// interval).
/// </summary>
public sealed record AgentPlan(string AgentId, string HostName, string Version, IReadOnlyList<PlannedProbe> Probes, ReportPolicy? Reporting = null);
