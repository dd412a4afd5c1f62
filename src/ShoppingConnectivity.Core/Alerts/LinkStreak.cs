namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// Consecutive failed and good runs of one link. Broken after <see cref="AlertRule.BrokenAfter"/> failed runs in a row,
/// healthy again after <see cref="AlertRule.RecoveredAfter"/> good runs in a row.
/// </summary>
/// <param name="FailingSince">First failed run of the current trouble: kept while broken, even across single good runs.</param>
/// <param name="ChangedAt">Time of the run that last changed <see cref="Health"/>.</param>
/// <param name="LastAt">Time of the last run counted.</param>
public sealed record LinkStreak(
    LinkHealth Health,
    int FailedInARow,
    int GoodInARow,
    DateTimeOffset? FailingSince,
    DateTimeOffset? ChangedAt,
    DateTimeOffset? LastAt)
{
    public static LinkStreak New { get; } = new(LinkHealth.Healthy, 0, 0, null, null, null);

    public LinkStreak Apply(LinkRun run, AlertRule rule)
    {
        if (run.Good)
        {
            var good = GoodInARow + 1;
            if (Health == LinkHealth.Broken && good >= rule.RecoveredAfter)
                return new(LinkHealth.Healthy, 0, good, null, run.At, run.At);
            // A good run ends a failing run that did not break the link; a broken link keeps its outage start.
            return new(Health, 0, good, Health == LinkHealth.Broken ? FailingSince : null, ChangedAt, run.At);
        }

        var failed = FailedInARow + 1;
        var since = FailingSince ?? run.At;
        if (Health == LinkHealth.Healthy && failed >= rule.BrokenAfter)
            return new(LinkHealth.Broken, failed, 0, since, run.At, run.At);
        return new(Health, failed, 0, since, ChangedAt, run.At);
    }
}
