namespace ShoppingConnectivity.Central.Diagram;

/// <summary>A point in diagram coordinates.</summary>
public readonly record struct Point(double X, double Y);
