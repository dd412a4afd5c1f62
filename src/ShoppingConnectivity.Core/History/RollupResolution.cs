namespace ShoppingConnectivity.Core.History;

/// <summary>The two rollup resolutions: per minute (kept ~30 days) and per hour (kept ~400 days).</summary>
public enum RollupResolution
{
    Minute,
    Hour,
}
