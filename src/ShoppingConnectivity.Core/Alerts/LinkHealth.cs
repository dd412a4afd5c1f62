using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>Whether a link counts as broken for alerting (hysteresis over runs, unlike the latest outcome).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LinkHealth>))]
public enum LinkHealth
{
    Healthy,
    Broken,
}
