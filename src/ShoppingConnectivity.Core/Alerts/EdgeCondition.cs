using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>An edge as the alert rule sees it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EdgeCondition>))]
public enum EdgeCondition
{
    /// <summary>Counted links below the broken share, none of them degraded.</summary>
    Ok,
    /// <summary>Broken links reached the share: the alert fires.</summary>
    Broken,
    /// <summary>No link to count: agents silent, hosts in maintenance, the flow off, or no results yet. Never alerts.</summary>
    NoData,
    /// <summary>Not broken, but some counted links answer degraded (a certificate near expiry): its own, milder alert.</summary>
    Degraded,
}
