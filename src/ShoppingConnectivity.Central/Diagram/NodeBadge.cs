using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>What a role's box says of its flows, in and out: "✖ 3 of 8 flows failing".</summary>
public static class NodeBadge
{
    /// <summary>The badge's colour and text from the states of the flows that start or end at the role.</summary>
    public static (EdgeColour Colour, string Text) Of(string roleId, IEnumerable<EdgeState> edges)
    {
        // Switched off or not in this estate: those flows cannot fail here, so they are not counted.
        var own = edges.Where(e => (e.From == roleId || e.To == roleId) && e.Colour is not (EdgeColour.Off or EdgeColour.Absent)).ToList();
        var failing = own.Count(e => e.Colour == EdgeColour.Red || (e.Colour == EdgeColour.Amber && e.Label != EdgeState.DegradedLabel));
        var degraded = own.Count(e => e.Colour == EdgeColour.Amber && e.Label == EdgeState.DegradedLabel);
        var silent = own.Count(e => e.Colour == EdgeColour.Grey);
        var flows = own.Count == 1 ? "flow" : "flows";
        return own.Count == 0 ? (EdgeColour.Absent, $"{EdgePresenter.Icon(EdgeColour.Absent)} no flows in this estate")
            : failing > 0 ? (EdgeColour.Red, $"{EdgePresenter.Icon(EdgeColour.Red)} {failing} of {own.Count} {flows} failing")
            : degraded > 0 ? (EdgeColour.Amber, $"{EdgePresenter.Icon(EdgeColour.Amber)} {degraded} of {own.Count} {flows} degraded")
            : silent > 0 ? (EdgeColour.Grey, $"{EdgePresenter.Icon(EdgeColour.Grey)} {silent} of {own.Count} {flows} no data")
            : (EdgeColour.Green, $"{EdgePresenter.Icon(EdgeColour.Green)} {own.Count} {flows} reachable");
    }
}
