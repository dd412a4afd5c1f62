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
}
