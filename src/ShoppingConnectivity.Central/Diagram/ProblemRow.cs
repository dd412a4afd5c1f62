using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>One line of the problem list: what is wrong with which edge, for how long, who is suspected, where to look.</summary>
/// <param name="Edge">"Client → Shopping Website, TCP 80": the roles' names and the ports probed.</param>
/// <param name="For">"Broken for 22 min": the state and how long it has held, on the page's clock.</param>
/// <param name="Share">"3 / 10 reachable", "certificate expires in 4 days", "4 silent".</param>
/// <param name="Suspect">The host (or the edge) that explains the failures; null when nothing does.</param>
public sealed record ProblemRow(string FlowId, EdgeColour Colour, string Icon, string Edge, string For, string Share, string? Suspect, string Href)
{
    /// <summary>The problems among <paramref name="edges"/>, worst and longest-standing first.</summary>
    public static IReadOnlyList<ProblemRow> Of(IReadOnlyList<EdgeState> edges, IReadOnlyList<BlameMark> marks, FlowCatalogue catalogue, DateTimeOffset now) =>
        EdgeProblems.Of(edges).Select(e => From(e, marks, catalogue, now)).ToList();

    public static ProblemRow From(EdgeState edge, IReadOnlyList<BlameMark> marks, FlowCatalogue catalogue, DateTimeOffset now)
    {
        var name = Formats.EdgeTitle(edge.From, edge.To, edge.PortsLabel, catalogue);
        var state = edge.Colour == EdgeColour.Grey ? "Silent" : edge.Label;
        var since = edge.LastChange is { } at ? $" for {Formats.Duration(now - at)}" : "";
        return new ProblemRow(edge.FlowId, edge.Colour, EdgePresenter.Icon(edge.Colour), name, state + since, edge.Share,
            MarkIndex.Of(marks).SuspectOf(edge.FlowId)?.Text, $"/?edge={Uri.EscapeDataString(edge.FlowId)}");
    }
}
