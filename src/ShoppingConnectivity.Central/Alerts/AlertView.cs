namespace ShoppingConnectivity.Central.Alerts;

public sealed record AlertView(
    long Id,
    string Key,
    string FlowId,
    string Edge,
    string State,
    string Condition,
    DateTimeOffset OpenedAt,
    DateTimeOffset Since,
    DateTimeOffset? RecoveredAt,
    DateTimeOffset? ClosedAt,
    string? Outcome,
    string? Hosts,
    bool Flapping,
    string? SilencedBy,
    DateTimeOffset? LastNoticeAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    string? AcknowledgeNote,
    IReadOnlyList<AlertEventView> Events,
    IReadOnlyList<AlertMailView> Mails)
{
    public bool IsOpen => State == "Open";

    /// <summary>It never broke: its links answered, degraded (a certificate near expiry).</summary>
    public bool DegradedOnly => Outcome == AlertRecord.DegradedOutcome;
}
