using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>What happened to an alert, for its history.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertEventKind>))]
public enum AlertEventKind
{
    Opened,
    BrokenAgain,
    Recovered,
    NoData,
    Silenced,
    Unsilenced,
    FlappingStarted,
    FlappingEnded,
    Acknowledged,
    NoticeQueued,
    Closed,
    /// <summary>An alert opened as degraded broke: it goes on as broken.</summary>
    Broken,
    /// <summary>The edge answers again but degraded (a certificate near expiry), in an open alert.</summary>
    Degraded,
    /// <summary>The edge is no longer degraded (the certificate was renewed).</summary>
    Cleared,
}
