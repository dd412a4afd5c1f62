using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// An enrolment with a good key that central would not grant by itself (<see cref="EnrolmentVerdict"/>): it waits for
/// an Admin on the Agents page. Only the hash of the token it was given is kept; approving makes that token the agent's.
/// </summary>
public sealed class PendingEnrolmentRecord
{
    public Guid Id { get; set; }
    public required string AgentId { get; set; }
    public required string HostName { get; set; }
    public required string TokenHash { get; set; }
    public EnrolmentVerdict Verdict { get; set; }
    /// <summary>The client address it came from: pending requests per address are bounded.</summary>
    public required string Address { get; set; }
    public string? KeyName { get; set; }
    public string? Version { get; set; }
    public string? ReportedRoles { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
}
