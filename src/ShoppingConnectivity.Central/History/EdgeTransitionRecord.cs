using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.History;

/// <summary>An edge changed colour (see Core/History/EdgeTimeline): one row per change, kept as long as transitions.</summary>
public sealed class EdgeTransitionRecord
{
    public long Id { get; set; }
    public required string FlowId { get; set; }
    public EdgeColour? FromColour { get; set; }
    public EdgeColour ToColour { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Summary { get; set; }
    public int Links { get; set; }
    /// <summary>Links by outcome when the edge changed, as "Reachable=40;TimedOut=2".</summary>
    public required string Counts { get; set; }
    /// <summary>A sample of the failing links then, one per line.</summary>
    public required string FailingLinks { get; set; }
}
