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
}
