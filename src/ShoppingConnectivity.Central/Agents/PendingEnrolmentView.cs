using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>An enrolment waiting for an Admin, as the Agents page lists it.</summary>
public sealed record PendingEnrolmentView(
    Guid Id,
    string AgentId,
    string HostName,
    EnrolmentVerdict Verdict,
    string Reason,
    string Address,
    string? KeyName,
    string? Version,
    IReadOnlyList<string> ReportedRoles,
    DateTimeOffset RequestedAt,
    bool InEstate);
