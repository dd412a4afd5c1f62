namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// One edge alert, from the first break (or the first time it turned degraded) until everyone told about it was told it
/// recovered (or is no longer degraded).
/// </summary>
public sealed class AlertRecord
{
    /// <summary>The <see cref="Outcome"/> of an alert that never broke: its links answered, degraded (a certificate near expiry).</summary>
    public const string DegradedOutcome = "Degraded";

    public long Id { get; set; }

    /// <summary>The engine's key ("{flowId}@{opened ticks}").</summary>
    public required string Key { get; set; }

    public required string FlowId { get; set; }
    public required string Edge { get; set; }

    /// <summary>Open or Closed.</summary>
    public required string State { get; set; }

    /// <summary>The edge now: Broken, Degraded, Ok or NoData.</summary>
    public required string Condition { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the outage began (first failed run of the first broken link); for an alert that never broke, when it turned degraded.</summary>
    public DateTimeOffset Since { get; set; }

    /// <summary>When it recovered; for an alert that never broke, when it was no longer degraded.</summary>
    public DateTimeOffset? RecoveredAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The outcome most broken links shared, or <see cref="DegradedOutcome"/> while it never broke.</summary>
    public string? Outcome { get; set; }

    /// <summary>The links it names ("web01 -> db01:1433, ..."); a degraded link with its cause ("web01 -> dc01:636 (certificate expires in 4 days)").</summary>
    public string? Hosts { get; set; }

    /// <summary>
    /// The host its links blame (<see cref="ShoppingConnectivity.Core.Alerts.AlertSuspect"/>), kept so the alert list
    /// sorts by what it shows: "" when the links share no host, null while it names no links.
    /// </summary>
    public string? Suspect { get; set; }

    /// <summary>The <see cref="Suspect"/> of a links list, as stored.</summary>
    public static string? SuspectOf(string? links) => links is null ? null : ShoppingConnectivity.Core.Alerts.AlertSuspect.Of(links) ?? "";

    public bool Flapping { get; set; }
    public string? SilencedBy { get; set; }
    public DateTimeOffset? LastNoticeAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgeNote { get; set; }
    public List<AlertEventRecord> Events { get; set; } = [];
    public List<AlertMessageAlert> Messages { get; set; } = [];
}
