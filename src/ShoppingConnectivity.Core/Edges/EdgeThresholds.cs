namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// How fresh and how broken links must be before an edge changes colour. A share is failing links / fresh links.
/// Client flows (thousands of sources) go red at <see cref="ClientBrokenShare"/> and amber above
/// <see cref="ClientAmberShare"/>; server flows go red at <see cref="ServerBrokenShare"/>, where 0 means any
/// failing link, and amber on failing links below it.
/// </summary>
public sealed record EdgeThresholds(
    double ClientBrokenShare,
    int StaleAfterIntervals,
    double ServerBrokenShare = 0,
    double ClientAmberShare = 0)
{
    public static EdgeThresholds Default { get; } = new(0.05, 3);

    /// <summary>
    /// When central began to listen for results (its start). Silence is counted from the later of this and a link's
    /// last result: while central was down or starting, agents could not report, and that is not their silence.
    /// </summary>
    public DateTimeOffset ListeningSince { get; init; } = DateTimeOffset.MinValue;

    /// <summary>When <paramref name="link"/> counts as silent (grey) if nothing new comes from it.</summary>
    public DateTimeOffset SilentAt(LinkSnapshot link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var heard = link.LastAt > ListeningSince ? link.LastAt : ListeningSince;
        return heard.AddSeconds((double)link.IntervalSeconds * StaleAfterIntervals);
    }

    /// <summary>Red: the share of failing links reached the flow's broken share (0: any failing link).</summary>
    public bool IsBroken(bool clientFlow, int failing, int fresh)
    {
        if (failing <= 0 || fresh <= 0) return false;
        var share = clientFlow ? ClientBrokenShare : ServerBrokenShare;
        return share <= 0 || (double)failing / fresh >= share;
    }

    /// <summary>Amber (when not red): some links fail, above the amber share for client flows.</summary>
    public bool IsPartial(bool clientFlow, int failing, int fresh) =>
        failing > 0 && fresh > 0 && (!clientFlow || (double)failing / fresh > ClientAmberShare);
}
