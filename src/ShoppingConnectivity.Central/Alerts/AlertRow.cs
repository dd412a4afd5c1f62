namespace ShoppingConnectivity.Central.Alerts;

/// <summary>One alert as a row of the alert list: no state changes or mails beyond the last mail.</summary>
public sealed record AlertRow(
    long Id,
    string FlowId,
    string Edge,
    string State,
    string Condition,
    DateTimeOffset Since,
    DateTimeOffset? RecoveredAt,
    string? Outcome,
    string? Hosts,
    bool Flapping,
    string? SilencedBy,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    AlertRowMail? LastMail)
{
    /// <summary>The host its links blame, as stored (<see cref="AlertRecord.Suspect"/>).</summary>
    public string? Suspect { get; init; }

    public bool IsOpen => State == "Open";

    /// <summary>It never broke: its links answered, degraded (a certificate near expiry).</summary>
    public bool DegradedOnly => Outcome == AlertRecord.DegradedOutcome;

    /// <summary>How long it has been broken (or degraded): to its recovery, or to <paramref name="now"/> while it lasts.</summary>
    public TimeSpan Duration(DateTimeOffset now) => (RecoveredAt ?? now) - Since is { Ticks: > 0 } d ? d : TimeSpan.Zero;
}
