namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// What is broken, first: the edges an operator must look at, worst first (broken, partial, degraded, silent), then
/// the longest-standing first. An edge switched off, not in the estate, or still waiting for its first result is
/// not a problem; green is not either.
/// </summary>
public static class EdgeProblems
{
    /// <summary>How bad an edge is: lower is worse. Problems rank below <see cref="Healthy"/>.</summary>
    public static int Rank(EdgeState edge) => edge.Colour switch
    {
        EdgeColour.Red => 0,
        EdgeColour.Amber when edge.Label != EdgeState.DegradedLabel => 1,
        EdgeColour.Amber => 2,
        // Links that went silent: their agents (or central's view of them) failed; never-reported edges wait quietly.
        EdgeColour.Grey when edge.Links > 0 => 3,
        EdgeColour.Green => Healthy,
        EdgeColour.Grey => Healthy + 1,
        EdgeColour.Off => Healthy + 2,
        _ => Healthy + 3,
    };

    /// <summary>The rank of a green edge: everything below it is a problem.</summary>
    public const int Healthy = 4;

    public static bool IsProblem(EdgeState edge) => Rank(edge) < Healthy;

    /// <summary>A key that sorts edges the way the problem list does (ascending): worst first, then the oldest change.</summary>
    public static (int Rank, DateTimeOffset Since, string FlowId) SortKey(EdgeState edge) =>
        (Rank(edge), edge.LastChange ?? DateTimeOffset.MaxValue, edge.FlowId);

    /// <summary>The problems among <paramref name="edges"/>, worst and longest-standing first.</summary>
    public static IReadOnlyList<EdgeState> Of(IEnumerable<EdgeState> edges) =>
        edges.Where(IsProblem).OrderBy(SortKey).ToList();
}
