namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// When links count as broken or recovered and when an edge alert fires, per flow.
/// <see cref="BrokenShare"/> 0 means "any broken link"; otherwise the share of counted links that must be broken.
/// </summary>
public sealed record AlertRule(int BrokenAfter, int RecoveredAfter, double BrokenShare)
{
    /// <summary>Whether <paramref name="broken"/> of <paramref name="counted"/> links make the edge broken.</summary>
    public bool Fires(int broken, int counted) =>
        broken > 0 && counted > 0 && (BrokenShare <= 0 || (double)broken / counted >= BrokenShare);
}
