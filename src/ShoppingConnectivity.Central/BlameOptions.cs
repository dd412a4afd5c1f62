using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central;

/// <summary>
/// A target host is blamed when at least MinSources sources fail to reach it and they are at least Share of its
/// sources; a source host when it fails to reach at least MinTargets targets, at least Share of its targets.
/// </summary>
public sealed class BlameOptions
{
    public int MinSources { get; set; } = BlameRules.Default.MinSources;

    public int MinTargets { get; set; } = BlameRules.Default.MinTargets;

    public double Share { get; set; } = BlameRules.Default.Share;
}
