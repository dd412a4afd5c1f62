namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// When a target host is blamed rather than its sources or the edge: at least <see cref="MinSources"/> sources fail to
/// reach it, and at least <see cref="Share"/> of its sources (so a host most of its sources reach is not blamed).
/// </summary>
public sealed record BlameRules(int MinSources = 2, double Share = 0.5)
{
    public static BlameRules Default { get; } = new();
}
