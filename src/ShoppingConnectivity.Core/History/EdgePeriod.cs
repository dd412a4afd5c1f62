using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.History;

/// <summary>A stretch of time an edge was broken (red) or partial/degraded (amber).</summary>
public sealed record EdgePeriod(
    string FlowId,
    EdgeColour Colour,
    DateTimeOffset Start,
    DateTimeOffset? End,
    IReadOnlyDictionary<ProbeOutcome, int> Counts,
    IReadOnlyList<string> FailingLinks,
    string Summary)
{
    public TimeSpan DurationUntil(DateTimeOffset now) => (End ?? now) - Start;

    /// <summary>The outcome classes that failed, most links first.</summary>
    public IReadOnlyList<ProbeOutcome> Outcomes =>
        Counts.Where(c => c.Key != ProbeOutcome.Reachable && c.Value > 0).OrderByDescending(c => c.Value).Select(c => c.Key).ToList();
}
