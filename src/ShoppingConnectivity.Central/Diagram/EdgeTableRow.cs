using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// One row of the edge table as drawn: every text and colour it shows. Equal rows draw the same, so the table skips a
/// live refresh that changed nothing in it (most refreshes of a large estate change one edge, or only the diagram).
/// </summary>
public sealed record EdgeTableRow(string FlowId, bool Selected, string StateStyle, string State, string From, string To, string Ports,
    string Links, string Since)
{
    public string RowClass => Selected ? "mud-table-row edge-row selected-edge" : "mud-table-row edge-row";

    public static EdgeTableRow Of(EdgeState edge, string? selected, bool dark, FlowCatalogue catalogue, DateTimeOffset now, DisplayZone zone) =>
        new(edge.FlowId, edge.FlowId == selected, "color:" + EdgePresenter.TextColour(edge.Colour, dark), EdgePresenter.Caption(edge),
            Formats.RoleName(edge.From, catalogue), Formats.RoleName(edge.To, catalogue), edge.PortsLabel, edge.Summary,
            Formats.Since(edge.LastChange, now, zone));
}
