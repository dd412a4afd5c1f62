namespace ShoppingConnectivity.Central.Diagram;

/// <summary>An axis-aligned rectangle in diagram coordinates.</summary>
public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public static Box Centred(double cx, double cy, double width, double height) => new(cx - width / 2, cy - height / 2, width, height);

    public Box Inflate(double by) => new(X - by, Y - by, Width + 2 * by, Height + 2 * by);

    public bool Contains(double x, double y) => x >= X && x <= Right && y >= Y && y <= Bottom;

    public bool Overlaps(Box other) => OverlapArea(other) > 0;

    public double OverlapArea(Box other)
    {
        var w = Math.Min(Right, other.Right) - Math.Max(X, other.X);
        var h = Math.Min(Bottom, other.Bottom) - Math.Max(Y, other.Y);
        return w > 0 && h > 0 ? w * h : 0;
    }
}
