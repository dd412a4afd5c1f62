namespace ShoppingConnectivity.Central.Diagram;

/// <summary>A role's box. <see cref="Title"/> and <see cref="Subtitle"/> split "Receiver (ConfigMgr site server)".</summary>
public sealed record DiagramNode(string RoleId, string Name, string Kind, Box Box)
{
    public double X => Box.X + Box.Width / 2;

    public double Y => Box.Y + Box.Height / 2;

    public string Title => Name.IndexOf(" (", StringComparison.Ordinal) is > 0 and var i ? Name[..i] : Name;

    public string? Subtitle => Name.IndexOf(" (", StringComparison.Ordinal) is > 0 and var i ? Name[(i + 2)..].TrimEnd(')') : null;
}
