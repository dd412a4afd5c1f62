using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Core.Ingestion;
using ShoppingConnectivity.Core.Text;

namespace ShoppingConnectivity.Core.Tests.Ingestion;

public class LinkLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly AlertRule Rule = new(BrokenAfter: 3, RecoveredAfter: 2, BrokenShare: 0);
    private static readonly PlannedProbe Probe = new("website-shoppingdb-sql/db01/1433", "website-shoppingdb-sql", "sql", "db01", "10.0.0.9", 1433, 3000, 60);

    private static LinkLedger Ledger() => new(_ => Rule);

    private static ProbeResultDto Result(ProbeOutcome outcome, int minute, double? latency = 2.5, string? detail = null) =>
        new(Probe.ProbeId, Probe.FlowId, outcome, latency, detail, T0.AddMinutes(minute));

    private static LinkSnapshot Stored(ProbeOutcome outcome, int sinceMinute, int lastMinute) =>
        new("web01", Probe.ProbeId, Probe.FlowId, "db01", 1433, outcome, T0.AddMinutes(sinceMinute), T0.AddMinutes(lastMinute), 1.0, "old", 60);

    [Fact]
    public void Apply_FirstResultOfALink_CreatesItWithATransitionFromNothing()
    {
        var ledger = Ledger();

        ledger.Apply("web01", Probe, Result(ProbeOutcome.Reachable, 0, latency: 3.2, detail: "TDS pre-login"));

        var link = Assert.Single(ledger.Touched()).Link;
        Assert.Equal(("web01", "db01", 1433, ProbeOutcome.Reachable, T0, T0, 3.2, "TDS pre-login", 60),
            (link.AgentId, link.TargetHost, link.Port, link.Outcome, link.Since, link.LastAt, link.LatencyMs, link.Detail, link.IntervalSeconds));
        Assert.Equal([new LinkTransition("web01", Probe.ProbeId, Probe.FlowId, "db01", 1433, null, ProbeOutcome.Reachable, T0)], ledger.Transitions);
    }

    [Fact]
    public void Apply_FirstResultOfALink_HoldsTheAgentsAndProbesTextsNotTheResults()
    {
        var ledger = Ledger();
        var agentId = "web01";
        var result = Result(ProbeOutcome.Reachable, 0) with { ProbeId = Copy(Probe.ProbeId), FlowId = Copy(Probe.FlowId) };

        ledger.Apply(agentId, Probe, result);

        var link = Assert.Single(ledger.Touched()).Link;
        AssertSharedTexts(agentId, link);
    }

    [Fact]
    public void Apply_StoredLinkWithCopiesOfItsTexts_TakesTheAgentsAndProbesInstances()
    {
        var ledger = Ledger();
        var stored = Stored(ProbeOutcome.Reachable, -30, -1);
        var agentId = Copy(stored.AgentId);
        ledger.Load(stored with { ProbeId = Copy(Probe.ProbeId), FlowId = Copy(Probe.FlowId), TargetHost = Copy(Probe.TargetHost) }, null);

        ledger.Apply(agentId, Probe, Result(ProbeOutcome.Reachable, 0));

        var link = Assert.Single(ledger.Touched()).Link;
        Assert.Equal((T0.AddMinutes(-30), T0), (link.Since, link.LastAt));
        AssertSharedTexts(agentId, link);
    }

    [Fact]
    public void Apply_EqualDetailsOfTwoAgents_OneInstanceFromThePool()
    {
        var details = new StringPool();
        var first = new LinkLedger(_ => Rule, details);
        var second = new LinkLedger(_ => Rule, details);

        first.Apply("web01", Probe, Result(ProbeOutcome.Reachable, 0, detail: Copy("TDS pre-login")));
        second.Apply("web02", Probe, Result(ProbeOutcome.Reachable, 0, detail: Copy("TDS pre-login")));

        Assert.Same(Assert.Single(first.Touched()).Link.Detail, Assert.Single(second.Touched()).Link.Detail);
    }

    [Fact]
    public void Apply_SameOutcomeAsStored_NoTransitionAndSinceKept()
    {
        var ledger = Ledger();
        ledger.Load(Stored(ProbeOutcome.Reachable, -30, -1), null);

        ledger.Apply("web01", Probe, Result(ProbeOutcome.Reachable, 0, latency: 4));

        var link = Assert.Single(ledger.Touched()).Link;
        Assert.Equal((T0.AddMinutes(-30), T0, 4.0, (string?)null), (link.Since, link.LastAt, link.LatencyMs, link.Detail));
        Assert.Empty(ledger.Transitions);
    }

    [Fact]
    public void Apply_OutcomeChanges_TransitionAndSinceMoves()
    {
        var ledger = Ledger();
        ledger.Load(Stored(ProbeOutcome.Reachable, -30, -1), null);

        ledger.Apply("web01", Probe, Result(ProbeOutcome.TimedOut, 0, latency: null));
        ledger.Apply("web01", Probe, Result(ProbeOutcome.TimedOut, 1, latency: null));
        ledger.Apply("web01", Probe, Result(ProbeOutcome.Reachable, 2));

        var link = Assert.Single(ledger.Touched()).Link;
        Assert.Equal((ProbeOutcome.Reachable, T0.AddMinutes(2), T0.AddMinutes(2)), (link.Outcome, link.Since, link.LastAt));
        Assert.Equal([(ProbeOutcome?)ProbeOutcome.Reachable, ProbeOutcome.TimedOut], ledger.Transitions.Select(t => t.From));
        Assert.Equal([ProbeOutcome.TimedOut, ProbeOutcome.Reachable], ledger.Transitions.Select(t => t.To));
        Assert.Equal([T0, T0.AddMinutes(2)], ledger.Transitions.Select(t => t.At));
    }

    [Fact]
    public void Apply_LateResult_CountsForTheStreakButLeavesTheLinkAsItIs()
    {
        var ledger = Ledger();
        ledger.Load(Stored(ProbeOutcome.Reachable, -30, 10), null);

        // Three failed runs from an agent's outbox, older than the link's last result: a real outage, found late.
        for (var minute = 0; minute < 3; minute++) ledger.Apply("web01", Probe, Result(ProbeOutcome.TimedOut, minute, latency: null));

        var update = Assert.Single(ledger.Touched());
        Assert.Equal((ProbeOutcome.Reachable, T0.AddMinutes(10), "old"), (update.Link.Outcome, update.Link.LastAt, update.Link.Detail));
        Assert.Empty(ledger.Transitions);
        var streak = update.Streak.Current(Rule);
        Assert.Equal((LinkHealth.Broken, (DateTimeOffset?)T0), (streak.Health, streak.FailingSince));
    }

    [Fact]
    public void Apply_StoredStreak_ContinuesFromIt()
    {
        var ledger = Ledger();
        var twoFailures = LinkStreakWindow.Empty
            .Add(LinkRun.Of(ProbeOutcome.Refused, T0.AddMinutes(-2)), Rule, out _)
            .Add(LinkRun.Of(ProbeOutcome.Refused, T0.AddMinutes(-1)), Rule, out _);
        ledger.Load(Stored(ProbeOutcome.Refused, -2, -1), twoFailures.Serialize());

        ledger.Apply("web01", Probe, Result(ProbeOutcome.Refused, 0, latency: null));

        var streak = Assert.Single(ledger.Touched()).Streak.Current(Rule);
        Assert.Equal((LinkHealth.Broken, 3, (DateTimeOffset?)T0.AddMinutes(-2)), (streak.Health, streak.FailedInARow, streak.FailingSince));
    }

    [Fact]
    public void Touched_LinksLoadedButNotApplied_LeftOut()
    {
        var ledger = Ledger();
        ledger.Load(Stored(ProbeOutcome.Reachable, -30, -1), null);
        ledger.Load(Stored(ProbeOutcome.Reachable, -30, -1) with { AgentId = "web02" }, null);

        ledger.Apply("web02", Probe, Result(ProbeOutcome.Reachable, 0));

        Assert.Equal(["web02"], ledger.Touched().Select(u => u.Link.AgentId));
    }

    [Fact]
    public void Apply_ProbeIntervalChangedByThePlan_LinkTakesTheNewInterval()
    {
        var ledger = Ledger();
        ledger.Load(Stored(ProbeOutcome.Reachable, -30, -1), null);

        ledger.Apply("web01", Probe with { IntervalSeconds = 300 }, Result(ProbeOutcome.Reachable, 0));

        Assert.Equal(300, Assert.Single(ledger.Touched()).Link.IntervalSeconds);
    }

    private static void AssertSharedTexts(string agentId, LinkSnapshot link)
    {
        Assert.Same(agentId, link.AgentId);
        Assert.Same(Probe.ProbeId, link.ProbeId);
        Assert.Same(Probe.FlowId, link.FlowId);
        Assert.Same(Probe.TargetHost, link.TargetHost);
    }

    /// <summary>An equal text in an instance of its own, as a request body or a database row gives.</summary>
    private static string Copy(string text) => new(text.AsSpan());
}
