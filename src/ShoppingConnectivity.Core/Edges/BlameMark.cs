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
    IReadOnlyList<string> FlowIds)
{
    /// <summary>Same content (the flows compared by value): blame located again that found the same keeps its marks.</summary>
    public bool SameAs(BlameMark other) =>
        Kind == other.Kind && Role == other.Role && Host == other.Host && Failing == other.Failing && Total == other.Total && Text == other.Text
        && FlowIds.SequenceEqual(other.FlowIds, StringComparer.Ordinal);

    /// <summary>Both lists hold the same marks in the same order.</summary>
    public static bool Same(IReadOnlyList<BlameMark> a, IReadOnlyList<BlameMark> b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].SameAs(b[i])) return false;
        }

        return true;
    }
}
