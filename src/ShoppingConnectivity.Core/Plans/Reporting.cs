using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Plans;

/// <summary>
/// How soon an agent's results must reach central (<see cref="ReportPolicy"/>), and which results are urgent.
/// </summary>
/// <remarks>
/// Most results repeat the last one (a flow open yesterday is open today). Sending those within a short while
/// instead of every few seconds saves each host a connection, a request and a disk file per push, and central
/// thousands of requests a second on a large estate; changes still go at once.
/// </remarks>
public static class Reporting
{
    /// <summary>A result that changes nothing waits at most this long, whatever the intervals: a minute-old view at worst.</summary>
    public const int MaxQuietSeconds = 60;

    /// <summary>
    /// The plan's policy. A link goes grey (silent) once its newest result is <paramref name="staleAfterIntervals"/>
    /// intervals old. A result waits up to one interval for the next run and then up to QuietSeconds to be sent,
    /// so QuietSeconds takes half of the slack left, (stale − 1) × the shortest interval, and leaves the other half
    /// for the push itself and retries.
    /// </summary>
    /// <param name="urgentRunsOf">For a flow id, the most runs in a row its alert rule counts (broken or recovered after).</param>
    public static ReportPolicy PolicyFor(IReadOnlyList<PlannedProbe> probes, int staleAfterIntervals, Func<string, int> urgentRunsOf)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentNullException.ThrowIfNull(urgentRunsOf);
        if (probes.Count == 0) return new ReportPolicy(MaxQuietSeconds, 1);

        var shortest = probes.Min(p => Math.Max(1, p.IntervalSeconds));
        var slack = (long)shortest * Math.Max(0, staleAfterIntervals - 1);
        var quiet = (int)Math.Clamp(slack / 2, 1, MaxQuietSeconds);
        var urgentRuns = probes.Select(p => p.FlowId).Distinct(StringComparer.Ordinal).Max(f => Math.Max(1, urgentRunsOf(f)));
        return new ReportPolicy(quiet, urgentRuns);
    }

    /// <summary>
    /// True when a result must go at once: it is one of the first <paramref name="urgentRuns"/> results since its
    /// probe's outcome (or degraded mark) last changed, the first since the agent started counting included.
    /// </summary>
    /// <param name="runLength">Results in a row with this outcome and mark, this one included (1 = it changed).</param>
    public static bool IsUrgent(int runLength, int urgentRuns) => runLength <= Math.Max(1, urgentRuns);

    /// <summary>Longest pause between two tries while central does not answer.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    /// <summary>
    /// When the next push is due, in milliseconds of one monotonic clock; <see cref="long.MaxValue"/> when nothing waits.
    /// Urgent results go at once, the rest when the oldest has waited <paramref name="quietSeconds"/>; never before
    /// <paramref name="notBefore"/> (the shortest spacing after a push, or the back-off after a failed one).
    /// </summary>
    public static long NextPushAt(int waitingCount, long oldestSince, bool urgent, int quietSeconds, long notBefore)
    {
        if (waitingCount <= 0) return long.MaxValue;
        var due = urgent ? long.MinValue : oldestSince + Math.Max(0, quietSeconds) * 1000L;
        return Math.Max(due, notBefore);
    }

    /// <summary>
    /// The pause before the next try after <paramref name="failures"/> failed pushes in a row: the push spacing,
    /// doubled at each further failure up to <paramref name="longest"/> (<see cref="MaxRetryDelay"/> when not given), so a
    /// central away for a day is not asked every few seconds by every agent of the estate, and hears from all of them
    /// soon after its return.
    /// </summary>
    /// <param name="longest">
    /// The plan's quiet time: a restarted central counts silence from its start, so the agents must be back within the
    /// slack their links have; and an agent that may wait that long between pushes may also try that often.
    /// </param>
    public static TimeSpan RetryDelay(TimeSpan spacing, int failures, TimeSpan? longest = null)
    {
        var cap = longest is { } l && l < MaxRetryDelay ? l : MaxRetryDelay;
        // A spacing set longer than the cap is kept: the agent was told to push that seldom.
        if (failures <= 1 || spacing >= cap) return spacing;
        var factor = Math.Pow(2, Math.Min(failures - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(cap.Ticks, spacing.Ticks * factor));
    }
}
