using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>The mails an alert can send.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))]
public enum NoticeKind
{
    Broken,
    Recovered,
    Reminder,
    Flapping,
    /// <summary>Reachable, but degraded: sent once, never reminded.</summary>
    Degraded,
    /// <summary>No longer degraded: to those told it was.</summary>
    Cleared,
}
