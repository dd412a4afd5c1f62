using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// One agent. <see cref="RolesDiffer"/>: the roles the agent reports are not the roles the estate gives its host
/// (the estate decides what is probed; the difference is worth a look).
/// </summary>
public sealed record AgentView(
    string Id,
    string HostName,
    string? Version,
    IReadOnlyList<string> ReportedRoles,
    IReadOnlyList<string> EstateRoles,
    bool InEstate,
    bool RolesDiffer,
    int Probes,
    string? PlanVersion,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? LastSeenAt,
    AgentStatus Status,
    int SilentAfterSeconds,
    DateTimeOffset? RevokedAt = null);
