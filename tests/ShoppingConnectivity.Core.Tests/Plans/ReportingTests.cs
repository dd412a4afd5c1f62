using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Core.Tests.Plans;

public class ReportingTests
{
    private static int Three(string _) => 3;

    [Fact]
    public void PolicyFor_DefaultStaleness_QuietIsTheShortestInterval()
    {
        var policy = Reporting.PolicyFor([Probe("a", 20), Probe("b", 45)], staleAfterIntervals: 3, Three);

        Assert.Equal(20, policy.QuietSeconds);
    }

    [Fact]
    public void PolicyFor_ClientIntervals_QuietCappedAtAMinute()
    {
        var policy = Reporting.PolicyFor([Probe("a", 300)], staleAfterIntervals: 3, Three);

        Assert.Equal(Reporting.MaxQuietSeconds, policy.QuietSeconds);
    }

    [Fact]
    public void PolicyFor_StaleAfterTwoIntervals_QuietIsHalfAnInterval()
    {
        var policy = Reporting.PolicyFor([Probe("a", 20)], staleAfterIntervals: 2, Three);

        Assert.Equal(10, policy.QuietSeconds);
    }

    [Fact]
    public void PolicyFor_StaleAfterOneInterval_QuietIsOneSecond()
    {
        var policy = Reporting.PolicyFor([Probe("a", 20)], staleAfterIntervals: 1, Three);

        Assert.Equal(1, policy.QuietSeconds);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(10, 3)]
    [InlineData(20, 3)]
    [InlineData(60, 3)]
    [InlineData(300, 3)]
    [InlineData(20, 2)]
    [InlineData(5, 10)]
    public void PolicyFor_AnyPlan_ResultReachesCentralBeforeItsLinkGoesSilent(int interval, int staleAfter)
    {
        var policy = Reporting.PolicyFor([Probe("a", interval)], staleAfter, Three);

        // Worst case: a result waits a whole interval for the next run, then QuietSeconds to be sent; half the
        // slack stays for the push itself.
        var slack = (double)(staleAfter - 1) * interval;
        Assert.True(policy.QuietSeconds <= Math.Max(1, slack / 2), $"quiet {policy.QuietSeconds} s, slack {slack} s");
        Assert.InRange(policy.QuietSeconds, 1, Reporting.MaxQuietSeconds);
    }

    [Fact]
    public void PolicyFor_FlowsWithOwnAlertRules_UrgentRunsIsTheMostAnyRuleCounts()
    {
        var runs = new Dictionary<string, int> { ["a"] = 3, ["b"] = 5 };

        var policy = Reporting.PolicyFor([Probe("a", 60), Probe("b", 60)], 3, flow => runs[flow]);

        Assert.Equal(5, policy.UrgentRuns);
    }

    [Fact]
    public void PolicyFor_NoProbes_QuietsForAMinute()
    {
        var policy = Reporting.PolicyFor([], 3, Three);

        Assert.Equal(new ReportPolicy(Reporting.MaxQuietSeconds, 1), policy);
    }

    [Fact]
    public void ResultRun_SameOutcomeAgain_CountsUp()
    {
        var run = new ResultRun();

        Assert.Equal(1, run.Add(ProbeOutcome.Reachable, degraded: false));
        Assert.Equal(2, run.Add(ProbeOutcome.Reachable, degraded: false));
        Assert.Equal(3, run.Add(ProbeOutcome.Reachable, degraded: false));
    }

    [Fact]
    public void ResultRun_OutcomeChanges_StartsAgain()
    {
        var run = new ResultRun();
        run.Add(ProbeOutcome.Reachable, false);
        run.Add(ProbeOutcome.Reachable, false);

        Assert.Equal(1, run.Add(ProbeOutcome.TimedOut, false));
        Assert.Equal(1, run.Add(ProbeOutcome.Refused, false));
        Assert.Equal(2, run.Add(ProbeOutcome.Refused, false));
    }

    [Fact]
    public void ResultRun_DegradedMarkChanges_StartsAgain()
    {
        var run = new ResultRun();
        run.Add(ProbeOutcome.Reachable, false);

        Assert.Equal(1, run.Add(ProbeOutcome.Reachable, degraded: true));
    }

    [Fact]
    public void IsUrgent_RunsAfterAChange_UrgentUntilTheAlertRuleHasCounted()
    {
        // Broken after 3: the change and the two results after it go at once, so the alert is not held back.
        var run = new ResultRun();
        var urgent = new[] { ProbeOutcome.Reachable, ProbeOutcome.Reachable, ProbeOutcome.Reachable, ProbeOutcome.Reachable,
                ProbeOutcome.TimedOut, ProbeOutcome.TimedOut, ProbeOutcome.TimedOut, ProbeOutcome.TimedOut, ProbeOutcome.Reachable }
            .Select(o => Reporting.IsUrgent(run.Add(o, false), urgentRuns: 3))
            .ToArray();

        Assert.Equal([true, true, true, false, true, true, true, false, true], urgent);
    }

    [Fact]
    public void NextPushAt_NothingWaiting_Never()
    {
        Assert.Equal(long.MaxValue, Reporting.NextPushAt(0, 1_000, urgent: true, quietSeconds: 20, notBefore: 0));
    }

    [Fact]
    public void NextPushAt_QuietResults_WhenTheOldestHasWaitedQuietSeconds()
    {
        Assert.Equal(21_000, Reporting.NextPushAt(4, oldestSince: 1_000, urgent: false, quietSeconds: 20, notBefore: 0));
    }

    [Fact]
    public void NextPushAt_UrgentResult_AtOnce()
    {
        Assert.Equal(long.MinValue, Reporting.NextPushAt(4, oldestSince: 1_000, urgent: true, quietSeconds: 20, notBefore: long.MinValue));
        Assert.Equal(500, Reporting.NextPushAt(4, oldestSince: 1_000, urgent: true, quietSeconds: 20, notBefore: 500));
    }

    [Fact]
    public void NextPushAt_PushedMomentsAgo_NotBeforeTheSpacing()
    {
        Assert.Equal(9_000, Reporting.NextPushAt(1, oldestSince: 1_000, urgent: true, quietSeconds: 20, notBefore: 9_000));
        Assert.Equal(30_000, Reporting.NextPushAt(1, oldestSince: 1_000, urgent: false, quietSeconds: 20, notBefore: 30_000));
    }

    [Fact]
    public void RetryDelay_FailuresInARow_DoubleFromTheSpacingUpToAMinute()
    {
        var spacing = TimeSpan.FromSeconds(5);

        var delays = Enumerable.Range(1, 7).Select(f => Reporting.RetryDelay(spacing, f).TotalSeconds).ToArray();

        Assert.Equal([5, 10, 20, 40, 60, 60, 60], delays);
    }

    [Fact]
    public void RetryDelay_SpacingLongerThanTheCap_KeepsTheSpacing()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Reporting.RetryDelay(TimeSpan.FromMinutes(5), 4));
    }

    [Fact]
    public void RetryDelay_QuietTimeShorterThanAMinute_BackOffStopsAtTheQuietTime()
    {
        // 10-second probes, silent after 3 intervals: the plan's quiet time is 10 s, so a restarted central hears from
        // every agent within 10 s of its return, well inside the 30 s its links have.
        var delays = Enumerable.Range(1, 5).Select(f => Reporting.RetryDelay(TimeSpan.FromSeconds(5), f, TimeSpan.FromSeconds(10)).TotalSeconds);

        Assert.Equal([5, 10, 10, 10, 10], delays);
    }

    [Fact]
    public void RetryDelay_LongestAboveAMinute_StillAMinute() =>
        Assert.Equal(TimeSpan.FromSeconds(60), Reporting.RetryDelay(TimeSpan.FromSeconds(5), 9, TimeSpan.FromMinutes(5)));

    private static PlannedProbe Probe(string flowId, int intervalSeconds) =>
        new($"{flowId}/t/1", flowId, ProbeKinds.Tcp, "t", "10.0.0.1", 1, 3000, intervalSeconds);
}
