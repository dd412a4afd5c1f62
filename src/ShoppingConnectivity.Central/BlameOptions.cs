using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central;

/// <summary>
/// A target host is blamed when at least MinSources sources (on any flows) fail to reach it and they are at least Share
/// of its sources; a source host when it fails to reach a target its peers reach (see <see cref="BlameLocator"/>).
/// </summary>
public sealed class BlameOptions
{
    public int MinSources { get; set; } = BlameRules.Default.MinSources;

    public double Share { get; set; } = BlameRules.Default.Share;
}
