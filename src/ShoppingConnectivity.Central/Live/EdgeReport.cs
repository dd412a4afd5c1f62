using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Live;

/// <summary>
/// One edge as GET /api/v1/edges gives it: the edge's state, field for field, and the estate's suspects that explain
/// its failures (<see cref="BlameMark.FlowIds"/> naming its flow).
/// </summary>
public sealed record EdgeReport(
    string FlowId,
    string From,
    string To,
    IReadOnlyList<int> Ports,
    string PortsLabel,
    EdgeColour Colour,
    string Label,
    string Summary,
    string Share,
    IReadOnlyDictionary<ProbeOutcome, int> Counts,
    int Links,
    int FreshLinks,
    int ReachableLinks,
    int StaleLinks,
    int DegradedLinks,
    DateTimeOffset? LastChange,
    IReadOnlyList<EdgeSuspect> Suspects)
{
    /// <summary>Every edge with its suspects; marks are looked up by flow once, not per edge.</summary>
    public static IReadOnlyList<EdgeReport> Of(IReadOnlyList<EdgeState> edges, IReadOnlyList<BlameMark> marks)
    {
        var byFlow = marks.SelectMany(m => m.FlowIds.Select(f => (FlowId: f, Suspect: EdgeSuspect.Of(m))))
            .ToLookup(x => x.FlowId, x => x.Suspect, StringComparer.Ordinal);
        return edges.Select(e => new EdgeReport(e.FlowId, e.From, e.To, e.Ports, e.PortsLabel, e.Colour, e.Label, e.Summary, e.Share, e.Counts,
            e.Links, e.FreshLinks, e.ReachableLinks, e.StaleLinks, e.DegradedLinks, e.LastChange, byFlow[e.FlowId].ToList())).ToList();
    }
}
