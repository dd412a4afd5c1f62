using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>One flow's curve and the box its label sits in.</summary>
public sealed record DiagramEdge(Flow Flow, string Path, Box Label)
{
    public double LabelX => Label.X + Label.Width / 2;

    public double LabelY => Label.Y + Label.Height / 2;
}
