namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// One suspect. <see cref="Role"/> is the diagram node to mark (the role the host plays in the failing flows);
/// <see cref="Host"/> is null for <see cref="BlameKind.Edge"/>. <see cref="FlowIds"/> are the flows whose failing
/// links the mark explains, so a drill-down can show the marks of its edge.
/// </summary>
public sealed record BlameMark(
    BlameKind Kind,
    string Role,
    string? Host,
    int Failing,
    int Total,
    string Text,
    IReadOnlyList<string> FlowIds);
