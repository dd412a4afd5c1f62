namespace ShoppingConnectivity.Central.Agents;

/// <summary>An enrolled agent. Only a hash of its token is kept.</summary>
public sealed class AgentRecord
{
    public required string Id { get; set; }
    public required string HostName { get; set; }
    public required string TokenHash { get; set; }
    public string? Version { get; set; }
    /// <summary>The roles the agent says its host has (its Agent:Roles setting), comma-separated; the estate decides the plan.</summary>
    public string? ReportedRoles { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Set when an admin revoked the agent: its token is void until it enrols again with a valid key.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
