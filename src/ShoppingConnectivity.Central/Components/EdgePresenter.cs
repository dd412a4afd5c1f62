using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// How an edge's state, or one link's outcome, looks wherever it is shown: line and text colour (on white or on the
/// dark kiosk background), icon and word. A colour always comes with its icon and word, never alone.
/// </summary>
public static class EdgePresenter
{
    /// <summary>Colour of an edge's line and frame.</summary>
    public static string LineColour(EdgeColour colour, bool dark = false) => dark ? DarkColour(colour) : colour switch
    {
        EdgeColour.Green => "#2e7d32",
        EdgeColour.Amber => "#b26a00",
        EdgeColour.Red => "#c62828",
        EdgeColour.Off => "#9e9e9e",
        EdgeColour.Absent => "#90a4ae",
        _ => "#757575",
    };

    /// <summary>Colour of a state's text: on white darker where the line colour lacks contrast for small text (WCAG AA).</summary>
    public static string TextColour(EdgeColour colour, bool dark = false) => dark ? DarkColour(colour) : colour switch
    {
        EdgeColour.Amber => "#8a5300",
        EdgeColour.Off => "#616161",
        EdgeColour.Absent => "#546e7a",
        _ => LineColour(colour),
    };

    public static string Icon(EdgeColour colour) => colour switch
    {
        EdgeColour.Green => "\u2714",
        EdgeColour.Amber => "\u26A0",
        EdgeColour.Red => "\u2716",
        EdgeColour.Off => "\u2013",
        EdgeColour.Absent => "\u2205",
        _ => "?",
    };

    /// <summary>"Reachable", "Broken" ...: Core's word, the one the API and mails use.</summary>
    public static string Label(EdgeColour colour) => EdgeState.LabelFor(colour);

    /// <summary>Icon and word: "✖ Broken".</summary>
    public static string Caption(EdgeColour colour) => $"{Icon(colour)} {Label(colour)}";

    /// <summary>Icon and the edge's own word, which can say more than its colour: "⚠ Degraded" rather than "⚠ Partial".</summary>
    public static string Caption(EdgeState edge) => $"{Icon(edge.Colour)} {edge.Label}";

    /// <summary>
    /// The share on a diagram chip, short: "39/40" (its title and the links panel say it in words); the cause where that
    /// says more (why it is not in the estate, why it is degraded); empty where there is none.
    /// </summary>
    public static string ChipShare(EdgeState? edge) =>
        edge is null || edge.Colour == EdgeColour.Off ? ""
        : edge.Colour == EdgeColour.Absent || (edge.Label == EdgeState.DegradedLabel && edge.Cause is not null) ? edge.Share
        : edge.FreshLinks == 0 ? (edge.StaleLinks > 0 ? $"{edge.StaleLinks:N0} silent" : "")
        : $"{edge.ReachableLinks:N0}/{edge.FreshLinks:N0}";

    /// <summary>How much a state calls for action, most first: it decides the look of a line carrying several flows.</summary>
    public static int Severity(EdgeColour colour) => colour switch
    {
        EdgeColour.Red => 5,
        EdgeColour.Amber => 4,
        EdgeColour.Grey => 3,
        EdgeColour.Green => 2,
        EdgeColour.Off => 1,
        _ => 0,
    };

    /// <summary>
    /// A line's dash pattern, so its state shows without colour: solid when reachable, dashed when partial, solid and
    /// heavy (see <see cref="LineWidth"/>) when broken, dotted with no data; off and not in the estate faint and dashed.
    /// </summary>
    public static string? LineDashes(EdgeColour colour) => colour switch
    {
        EdgeColour.Amber => "9 5",
        EdgeColour.Grey => "2 5",
        EdgeColour.Off => "6 5",
        EdgeColour.Absent => "2 4",
        _ => null,
    };

    /// <summary>A broken line is the heaviest on the diagram; switched-off and absent ones the faintest.</summary>
    public static double LineWidth(EdgeColour colour) => colour switch
    {
        EdgeColour.Red => 4.5,
        EdgeColour.Amber => 3,
        EdgeColour.Off or EdgeColour.Absent => 1.5,
        _ => 2.5,
    };

    /// <summary>The colour of one link: silent before failing, failing before degraded.</summary>
    public static EdgeColour ColourOf(ProbeOutcome outcome, bool degraded, bool stale) =>
        stale ? EdgeColour.Grey : outcome != ProbeOutcome.Reachable ? EdgeColour.Red : degraded ? EdgeColour.Amber : EdgeColour.Green;

    /// <summary>A link answered or it did not: the icon says which, so a table never relies on colour.</summary>
    public static string Icon(ProbeOutcome outcome) => outcome == ProbeOutcome.Reachable ? "\u2714" : "\u2716";

    /// <summary>"✖ TimedOut (silent)": icon, outcome and what qualifies it.</summary>
    public static string Caption(ProbeOutcome outcome, bool degraded = false, bool stale = false) =>
        $"{Icon(outcome)} {outcome}{(degraded ? " (degraded)" : "")}{(stale ? " (silent)" : "")}";

    /// <summary>Lighter shades with enough contrast on the dark kiosk background.</summary>
    private static string DarkColour(EdgeColour colour) => colour switch
    {
        EdgeColour.Green => "#66bb6a",
        EdgeColour.Amber => "#ffb74d",
        EdgeColour.Red => "#ef5350",
        EdgeColour.Off => "#9e9e9e",
        EdgeColour.Absent => "#90a4ae",
        _ => "#b0bec5",
    };
}
