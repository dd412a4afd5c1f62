using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// One side of one host of a role: what it reaches (outbound, counted in links) or who reaches it (inbound, counted
/// in sources). The colour is the worst of its flows, each judged by the edge rules (<see cref="EdgeAggregator"/>).
/// </summary>
/// <param name="Reaching">Fresh links reachable (outbound), or sources reaching the host on every port (inbound).</param>
/// <param name="Total">Fresh links (outbound) or sources with a fresh link (inbound).</param>
/// <param name="Silent">Links with no fresh result: not counted in <paramref name="Total"/>.</param>
/// <param name="Unit">"links" or "sources".</param>
/// <param name="Cause">Why links are degraded, the most urgent ("certificate expires in 4 days"); null when none is.</param>
public sealed record RoleHostState(EdgeColour Colour, int Reaching, int Total, int Silent, string Unit, string? Cause = null)
{
    /// <summary>A host of the role with no link on this side yet.</summary>
    public static RoleHostState NoData(string unit) => new(EdgeColour.Grey, 0, 0, 0, unit);

    public bool HasData => Total > 0 || Silent > 0;

    /// <summary>Amber with every fresh link answering: degraded (a certificate near expiry), not failing.</summary>
    public bool Degraded => Colour == EdgeColour.Amber && Reaching == Total;

    /// <summary>The edge's word for the colour: "Broken", "Partial", "Degraded", "Reachable", "No data".</summary>
    public string Label => Degraded ? EdgeState.DegradedLabel : EdgePresenter.Label(Colour);

    /// <summary>Icon and word, so the state never rests on colour alone: "✖ Broken".</summary>
    public string Caption => $"{EdgePresenter.Icon(Colour)} {Label}";

    /// <summary>"4 of 42 sources reaching (2 silent)", "12 of 12 links reachable", "3 silent", "no data".</summary>
    public string Text
    {
        get
        {
            if (Total == 0) return Silent > 0 ? $"{Formats.Count(Silent)} silent" : "no data";
            var verb = Unit == RoleHostsModel.SourcesUnit ? "reaching" : "reachable";
            var text = $"{Formats.Count(Reaching)} of {Formats.Count(Total)} {Unit} {verb}";
            if (Degraded && Cause is not null) text += $": {Cause}";
            return Silent > 0 ? $"{text} ({Formats.Count(Silent)} silent)" : text;
        }
    }

    /// <summary>
    /// How bad this side is, lower is worse, in the problem list's order (<see cref="EdgeProblems.Rank"/>): broken,
    /// failing, degraded, silent, then reachable, then never reported.
    /// </summary>
    public int Rank => Colour switch
    {
        EdgeColour.Red => 0,
        EdgeColour.Amber when !Degraded => 1,
        EdgeColour.Amber => 2,
        EdgeColour.Grey when Silent > 0 => 3,
        EdgeColour.Green => EdgeProblems.Healthy,
        _ => EdgeProblems.Healthy + 1,
    };

    /// <summary>Broken or partly failing: what the operator came for.</summary>
    public bool IsFailing => Rank < 2;
}
