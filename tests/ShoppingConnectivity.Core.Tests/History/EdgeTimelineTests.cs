using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Core.Tests.History;

public class EdgeTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private static readonly EdgeThresholds Thresholds = EdgeThresholds.Default;

    [Fact]
    public void Periods_RedThenGreen_IsOneBrokenPeriodWithItsLengthCountsAndLinks()
    {
        var changes = new[]
        {
            C("f", EdgeColour.Green, 0),
            C("f", EdgeColour.Red, 10, ("TimedOut", 3), "pc1 \u2192 dc01:389 TimedOut"),
            C("f", EdgeColour.Green, 40),
        };

        var period = Assert.Single(EdgeTimeline.Periods(changes, T0, T0.AddHours(1)));

        Assert.Equal((EdgeColour.Red, T0.AddMinutes(10), T0.AddMinutes(40)), (period.Colour, period.Start, period.End!.Value));
        Assert.Equal(TimeSpan.FromMinutes(30), period.DurationUntil(T0.AddDays(1)));
        Assert.Equal([ProbeOutcome.TimedOut], period.Outcomes);
        Assert.Equal(["pc1 \u2192 dc01:389 TimedOut"], period.FailingLinks);
    }

    [Fact]
    public void Periods_AmberThenRed_AreTwoPeriodsOfTheirOwnColour()
    {
        var changes = new[] { C("f", EdgeColour.Amber, 5), C("f", EdgeColour.Red, 15), C("f", EdgeColour.Grey, 25) };

        var periods = EdgeTimeline.Periods(changes, T0, T0.AddHours(1)).OrderBy(p => p.Start).ToList();

        Assert.Equal([EdgeColour.Amber, EdgeColour.Red], periods.Select(p => p.Colour));
        Assert.Equal(T0.AddMinutes(15), periods[0].End);
        Assert.Equal(T0.AddMinutes(25), periods[1].End); // no data any more: the outage as seen ends there
    }

    [Fact]
    public void Periods_RedBeforeTheRangeStillRed_StartsAtTheRangeAndStaysOpen()
    {
        var period = Assert.Single(EdgeTimeline.Periods([C("f", EdgeColour.Red, -90)], T0, T0.AddHours(1)));

        Assert.Equal(T0, period.Start);
        Assert.Null(period.End);
    }

    [Fact]
    public void Periods_SeveralEdges_KeptApartNewestFirst()
    {
        var changes = new[] { C("a", EdgeColour.Red, 5), C("a", EdgeColour.Green, 6), C("b", EdgeColour.Red, 20), C("b", EdgeColour.Green, 30) };

        var periods = EdgeTimeline.Periods(changes, T0, T0.AddHours(1));

        Assert.Equal(["b", "a"], periods.Select(p => p.FlowId));
    }

    [Fact]
    public void ColoursAt_PicksEachEdgesLastChangeByThen()
    {
        var changes = new[] { C("a", EdgeColour.Green, 0), C("a", EdgeColour.Red, 10), C("b", EdgeColour.Amber, 30) };

        var at = EdgeTimeline.ColoursAt(changes, T0.AddMinutes(15));

        Assert.Equal(EdgeColour.Red, at["a"].To);
        Assert.False(at.ContainsKey("b"));
    }

    [Fact]
    public void ChangedAt_RedEdge_IsWhenItsNewestFailingLinkChangedNotWhenTheBatchArrived()
    {
        var now = T0.AddHours(1);
        var links = new[]
        {
            Link("pc1", ProbeOutcome.TimedOut, since: now.AddMinutes(-20), lastAt: now.AddSeconds(-10)),
            Link("pc2", ProbeOutcome.TimedOut, since: now.AddMinutes(-12), lastAt: now.AddSeconds(-5)),
        };
        var edge = Edge(EdgeColour.Red);

        Assert.Equal(now.AddMinutes(-12), EdgeTimeline.ChangedAt(edge, links, now, Thresholds));
    }

    [Fact]
    public void ChangedAt_GreyEdge_IsWhenTheLastLinkWentSilent()
    {
        var now = T0.AddHours(1);
        var links = new[] { Link("pc1", ProbeOutcome.Reachable, since: T0, lastAt: now.AddMinutes(-30)) };

        Assert.Equal(now.AddMinutes(-27), EdgeTimeline.ChangedAt(Edge(EdgeColour.Grey), links, now, Thresholds));
    }

    [Fact]
    public void ChangedAt_GreyAfterCentralRestarted_IsStaleIntervalsAfterItListened()
    {
        // The agent's last result came 30 min ago, central restarted 10 min ago and has not heard from it since.
        var now = T0.AddHours(1);
        var links = new[] { Link("pc1", ProbeOutcome.Reachable, since: T0, lastAt: now.AddMinutes(-30)) };

        var at = EdgeTimeline.ChangedAt(Edge(EdgeColour.Grey), links, now, Thresholds with { ListeningSince = now.AddMinutes(-10) });

        Assert.Equal(now.AddMinutes(-7), at);
    }

    [Fact]
    public void FailingSample_OnlyFreshFailingLinks_OldestFirstCapped()
    {
        var now = T0.AddHours(1);
        var links = Enumerable.Range(0, 30).Select(i => Link($"pc{i:00}", ProbeOutcome.Refused, since: now.AddMinutes(-i), lastAt: now))
            .Append(Link("silent", ProbeOutcome.Refused, since: T0, lastAt: T0))
            .Append(Link("fine", ProbeOutcome.Reachable, since: T0, lastAt: now))
            .ToList();

        var sample = EdgeTimeline.FailingSample(links, now, Thresholds);

        Assert.Equal(EdgeTimeline.FailingLinkSample, sample.Count);
        Assert.Equal("pc29 \u2192 dc01:389 Refused", sample[0]);
        Assert.DoesNotContain(sample, s => s.StartsWith("silent", StringComparison.Ordinal) || s.StartsWith("fine", StringComparison.Ordinal));
    }

    private static EdgeChange C(string flow, EdgeColour to, int minutes, (string Outcome, int Count)? count = null, params string[] failing) =>
        new(flow, null, to, T0.AddMinutes(minutes), to.ToString(),
            count is { } c ? new Dictionary<ProbeOutcome, int> { [Enum.Parse<ProbeOutcome>(c.Outcome)] = c.Count } : [],
            1, failing);

    private static LinkSnapshot Link(string agent, ProbeOutcome outcome, DateTimeOffset since, DateTimeOffset lastAt) =>
        new(agent, "f/dc01/389", "f", "dc01", 389, outcome, since, lastAt, null, null, 60);

    private static EdgeState Edge(EdgeColour colour) =>
        new("f", "Client", "DomainController", [389], colour, EdgeState.LabelFor(colour), "", new Dictionary<ProbeOutcome, int>(), 2, 0, null);
}
