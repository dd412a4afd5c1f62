using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>One mail-worthy change of one edge.</summary>
public sealed record AlertNotice(
    NoticeKind Kind,
    string AlertKey,
    Flow Flow,
    EdgeAlertStatus Status,
    DateTimeOffset Since,
    DateTimeOffset? RecoveredAt,
    DateTimeOffset At)
{
    /// <summary>How long the edge was (or has been) broken.</summary>
    public TimeSpan Outage => (RecoveredAt ?? At) - Since;
}
