using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Data;

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
}

/// <summary>One probe run as received (raw history).</summary>
public sealed class ResultRecord
{
    public long Id { get; set; }
    public required string AgentId { get; set; }
    public required string ProbeId { get; set; }
    public required string FlowId { get; set; }
    public ProbeOutcome Outcome { get; set; }
    public double? LatencyMs { get; set; }
    public string? Detail { get; set; }
    public bool Degraded { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid BatchId { get; set; }
}

/// <summary>The current state of one probe on one agent: the live link.</summary>
public sealed class LinkRecord
{
    public required string AgentId { get; set; }
    public required string ProbeId { get; set; }
    public required string FlowId { get; set; }
    public required string TargetHost { get; set; }
    public int Port { get; set; }
    public ProbeOutcome Outcome { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset LastAt { get; set; }
    public double? LatencyMs { get; set; }
    public string? Detail { get; set; }
    public bool Degraded { get; set; }
    public int IntervalSeconds { get; set; }
}

/// <summary>A batch already committed, so a batch sent twice is stored once.</summary>
public sealed class ReceivedBatch
{
    public required string AgentId { get; set; }
    public Guid BatchId { get; set; }
    public int Count { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>Where a version of the estate came from.</summary>
public enum EstateSource
{
    /// <summary>Imported from the estate file (Central:EstatePath), at start or when it was edited.</summary>
    File,

    /// <summary>Edited in the UI.</summary>
    Ui,

    /// <summary>A file uploaded in the UI.</summary>
    Import,
}

/// <summary>
/// One version of the estate, the store of record: the newest row is the estate in force. Versions are never
/// updated, only added, so a write that lost a race (another node wrote the same version) fails on the key.
/// </summary>
public sealed class EstateRecord
{
    public long Version { get; set; }
    /// <summary>The estate as canonical JSON (the estate file format).</summary>
    public required string Document { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public EstateSource Source { get; set; }
    /// <summary>SHA-256 of the estate file this version was imported from or written to; null when no file was involved.</summary>
    public string? FileHash { get; set; }
}

/// <summary>A key agents enrol with, made in the UI. Only its hash is kept; the key is shown once.</summary>
public sealed class EnrolmentKeyRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public int Enrolments { get; set; }
}
