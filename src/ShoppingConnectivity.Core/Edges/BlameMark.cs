namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// One suspect. <see cref="Role"/> is the diagram node to mark (the role the host plays in most of the failing links
/// it explains); <see cref="Host"/> is null for <see cref="BlameKind.Edge"/>. <see cref="Failing"/> of
/// <see cref="Total"/>: sources of a target, targets (host:port) of a source, links of an edge. <see cref="FlowIds"/>
/// are the flows whose failing links the mark explains, so each of those edges can show it.
/// </summary>
public sealed record BlameMark(
    BlameKind Kind,
    string Role,
    string? Host,
    int Failing,
    int Total,
    string Text,
    IReadOnlyList<string> FlowIds);
