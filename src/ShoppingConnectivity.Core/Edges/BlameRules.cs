namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// When a host is blamed rather than the edge: at least <see cref="MinSources"/> sources failing to one target
/// (or one source failing to <see cref="MinTargets"/> targets), and at least <see cref="Share"/> of them.
/// </summary>
public sealed record BlameRules(int MinSources = 3, int MinTargets = 2, double Share = 0.5)
{
    public static BlameRules Default { get; } = new();
}
