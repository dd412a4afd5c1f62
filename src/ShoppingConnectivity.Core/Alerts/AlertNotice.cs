using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>One mail-worthy change of one edge.</summary>
/// <param name="Since">When the edge broke; for a degraded or cleared notice, when it turned degraded.</param>
/// <param name="RecoveredAt">When it recovered (recovered notice) or was no longer degraded (cleared notice).</param>
public sealed record AlertNotice(
    NoticeKind Kind,
    string AlertKey,
    Flow Flow,
    EdgeAlertStatus Status,
    DateTimeOffset Since,
    DateTimeOffset? RecoveredAt,
    DateTimeOffset At)
{
    /// <summary>How long the edge was (or has been) broken, or degraded.</summary>
    public TimeSpan Outage => (RecoveredAt ?? At) - Since;
}
