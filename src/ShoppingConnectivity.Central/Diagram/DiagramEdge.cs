using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>One flow's chip on its line (<see cref="LineId"/>): the box it is drawn in.</summary>
public sealed record DiagramEdge(Flow Flow, string LineId, Box Label)
{
    public double LabelX => Label.X + Label.Width / 2;

    public double LabelY => Label.Y + Label.Height / 2;
}
