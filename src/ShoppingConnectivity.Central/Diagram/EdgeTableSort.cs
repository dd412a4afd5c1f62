using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// How the edge table under the diagram is sorted: one column, either way; by default worst first, as the problem list.
/// Ties keep the catalogue's order.
/// </summary>
public sealed record EdgeTableSort(EdgeTableColumn Column = EdgeTableColumn.State, bool Ascending = true)
{
    /// <summary>The sort after a click on <paramref name="column"/>'s header: the other way round when it is the current column, else ascending.</summary>
    public EdgeTableSort Click(EdgeTableColumn column) => column == Column ? this with { Ascending = !Ascending } : new EdgeTableSort(column);

    public IReadOnlyList<EdgeState> Order(IEnumerable<EdgeState> edges) => Column switch
    {
        EdgeTableColumn.From => By(edges, e => e.From, StringComparer.Ordinal),
        EdgeTableColumn.To => By(edges, e => e.To, StringComparer.Ordinal),
        EdgeTableColumn.Since => By(edges, e => e.LastChange ?? DateTimeOffset.MaxValue, Comparer<DateTimeOffset>.Default),
        _ => By(edges, EdgeProblems.SortKey, Comparer<(int, DateTimeOffset, string)>.Default),
    };

    /// <summary>'ascending', 'descending' or 'none' for <paramref name="column"/>'s header (aria-sort).</summary>
    public string AriaSort(EdgeTableColumn column) => column != Column ? "none" : Ascending ? "ascending" : "descending";

    private List<EdgeState> By<TKey>(IEnumerable<EdgeState> edges, Func<EdgeState, TKey> key, IComparer<TKey> comparer) =>
        (Ascending ? edges.OrderBy(key, comparer) : edges.OrderByDescending(key, comparer)).ToList();
}
