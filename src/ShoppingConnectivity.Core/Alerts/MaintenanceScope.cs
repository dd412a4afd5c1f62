using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>What a maintenance window silences.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MaintenanceScope>))]
public enum MaintenanceScope
{
    /// <summary>Every edge of the estate.</summary>
    Estate,
    /// <summary>Links from or to one host: they are left out of their edges' alert rule.</summary>
    Host,
    /// <summary>One flow's edge.</summary>
    Flow,
}
