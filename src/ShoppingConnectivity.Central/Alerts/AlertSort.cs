namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The column the alert list is sorted by (in the database, before a page is taken).</summary>
public enum AlertSort
{
    /// <summary>Open before closed, then the edge's condition.</summary>
    State,
    Edge,
    Since,

    /// <summary>From <see cref="AlertRecord.Since"/> to its recovery, or to now while it has not recovered.</summary>
    Duration,

    /// <summary>The host its links blame, as the list shows it; alerts that blame no one last.</summary>
    BlamedHost,
    AcknowledgedBy,

    /// <summary>When its last mail was queued.</summary>
    LastDelivery,
}
