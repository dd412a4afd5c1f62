using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

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

    /// <summary>Set when an admin revoked the agent: its token is void until it enrols again with a valid key.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
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

    /// <summary>The alert rules' count of failed and good runs in a row (Core LinkStreakWindow, serialised).</summary>
    public string? Streak { get; set; }
}

/// <summary>A batch already committed, so a batch sent twice is stored once.</summary>
public sealed class ReceivedBatch
{
    public required string AgentId { get; set; }
    public Guid BatchId { get; set; }
    public int Count { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

/// <summary>A link changed outcome (or got its first result): kept long, the source of outage timelines and replay.</summary>
public sealed class TransitionRecord
{
    public long Id { get; set; }
    public required string AgentId { get; set; }
    public required string ProbeId { get; set; }
    public required string FlowId { get; set; }
    public required string TargetHost { get; set; }
    public int Port { get; set; }
    public ProbeOutcome? FromOutcome { get; set; }
    public ProbeOutcome ToOutcome { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>One edge's results in one minute or hour: counts by outcome and latency statistics (see Core/History).</summary>
public abstract class RollupRecord
{
    public string FlowId { get; set; } = "";
    public DateTimeOffset BucketStart { get; set; }
    public long Reachable { get; set; }
    public long Refused { get; set; }
    public long TimedOut { get; set; }
    public long DnsFailed { get; set; }
    public long Unreachable { get; set; }
    public long ProtocolError { get; set; }
    public long Error { get; set; }
    public long Degraded { get; set; }
    public double? LatencyMin { get; set; }
    public double? LatencyMax { get; set; }
    public double LatencySum { get; set; }
    public long LatencyCount { get; set; }
    public string Histogram { get; set; } = "";
}

public sealed class MinuteRollupRecord : RollupRecord;

public sealed class HourRollupRecord : RollupRecord;

/// <summary>Where a background job got to (the rollup job's last processed result id).</summary>
public sealed class JobCursor
{
    public required string Name { get; set; }
    public long Position { get; set; }
}

/// <summary>An edge changed colour (see Core/History/EdgeTimeline): one row per change, kept as long as transitions.</summary>
public sealed class EdgeTransitionRecord
{
    public long Id { get; set; }
    public required string FlowId { get; set; }
    public EdgeColour? FromColour { get; set; }
    public EdgeColour ToColour { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Summary { get; set; }
    public int Links { get; set; }
    /// <summary>Links by outcome when the edge changed, as "Reachable=40;TimedOut=2".</summary>
    public required string Counts { get; set; }
    /// <summary>A sample of the failing links then, one per line.</summary>
    public required string FailingLinks { get; set; }
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
