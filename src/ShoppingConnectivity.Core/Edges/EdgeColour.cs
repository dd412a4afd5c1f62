using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>An edge's colour word. Never the only signal: each has a label and an icon too.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EdgeColour>))]
public enum EdgeColour
{
    /// <summary>No fresh data: agents silent, or never reported.</summary>
    Grey,
    /// <summary>All fresh links reachable.</summary>
    Green,
    /// <summary>Some links failing below the broken share, or reachable but degraded (certificate near expiry...).</summary>
    Amber,
    /// <summary>Broken: the share of failing links reached the threshold.</summary>
    Red,
    /// <summary>Turned off by a switch of the estate.</summary>
    Off,
    /// <summary>Not in this estate: no host at one end of the flow, so it can never have links (never alerted).</summary>
    Absent,
}
