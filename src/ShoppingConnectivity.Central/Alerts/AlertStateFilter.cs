namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Which alerts the list shows by their state.</summary>
public enum AlertStateFilter
{
    All,
    Open,

    /// <summary>Open and nobody has acknowledged it yet: what needs a person.</summary>
    Unacknowledged,

    /// <summary>Open with the edge broken now.</summary>
    Broken,

    /// <summary>Open with the edge degraded now.</summary>
    Degraded,
    Closed,
}
