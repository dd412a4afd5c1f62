namespace ShoppingConnectivity.Central.Diagram;

/// <summary>A role's box. <see cref="Title"/> and <see cref="Subtitle"/> split "Receiver (ConfigMgr site server)".</summary>
public sealed record DiagramNode(string RoleId, string Name, string Kind, double X, double Y)
{
    public Box Box => Box.Centred(X, Y, DiagramLayout.NodeWidth, DiagramLayout.NodeHeight);

    public string Title => Name.IndexOf(" (", StringComparison.Ordinal) is > 0 and var i ? Name[..i] : Name;

    public string? Subtitle => Name.IndexOf(" (", StringComparison.Ordinal) is > 0 and var i ? Name[(i + 2)..].TrimEnd(')') : null;
}
