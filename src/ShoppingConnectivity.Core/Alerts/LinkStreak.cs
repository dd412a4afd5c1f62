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

    /// <summary>
    /// Whether <see cref="EdgeAlertRule"/> reads this streak exactly as <see cref="New"/>: healthy and never changed
    /// health. The rule reads a streak's health, a broken link's outage start and the time health last changed, not the
    /// counts, so central holds no streak for such a link.
    /// </summary>
    public bool ReadsAsNew => Health == LinkHealth.Healthy && ChangedAt is null;

    public LinkStreak Apply(LinkRun run, AlertRule rule)
    {
        var fold = new Fold(this);
        fold.Apply(run, rule);
        return fold.ToStreak();
    }

    /// <summary>
    /// The first <paramref name="count"/> runs applied in order: <see cref="Apply(LinkRun, AlertRule)"/> without a record
    /// per run (the writer folds a window per touched link).
    /// </summary>
    public static LinkStreak Apply(LinkStreak streak, IReadOnlyList<LinkRun> runs, int count, AlertRule rule)
    {
        if (count == 0) return streak;
        var fold = new Fold(streak);
        for (var i = 0; i < count; i++) fold.Apply(runs[i], rule);
        return fold.ToStreak();
    }

    /// <summary>The streak's fields, changed in place run by run.</summary>
    private struct Fold(LinkStreak start)
    {
        private LinkHealth _health = start.Health;
        private int _failed = start.FailedInARow;
        private int _good = start.GoodInARow;
        private DateTimeOffset? _failingSince = start.FailingSince;
        private DateTimeOffset? _changedAt = start.ChangedAt;
        private DateTimeOffset? _lastAt = start.LastAt;

        public void Apply(LinkRun run, AlertRule rule)
        {
            _lastAt = run.At;
            if (run.Good)
            {
                _good++;
                _failed = 0;
                if (_health == LinkHealth.Broken && _good >= rule.RecoveredAfter)
                {
                    _health = LinkHealth.Healthy;
                    _changedAt = run.At;
                }

                // A good run ends a failing run that did not break the link; a broken link keeps its outage start.
                if (_health == LinkHealth.Healthy) _failingSince = null;
                return;
            }

            _failed++;
            _good = 0;
            _failingSince ??= run.At;
            if (_health == LinkHealth.Healthy && _failed >= rule.BrokenAfter)
            {
                _health = LinkHealth.Broken;
                _changedAt = run.At;
            }
        }

        public readonly LinkStreak ToStreak() => new(_health, _failed, _good, _failingSince, _changedAt, _lastAt);
    }
}
