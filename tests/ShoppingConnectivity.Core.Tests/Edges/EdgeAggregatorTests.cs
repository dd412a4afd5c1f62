using System.Globalization;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Tests.Edges;

public class EdgeAggregatorTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly EdgeThresholds Thresholds = EdgeThresholds.Default;

    private static Flow ClientFlow => Catalogue.FindFlow("client-website-http")!;
    private static Flow ServerFlow => Catalogue.FindFlow("website-shoppingdb-sql")!;

    [Fact]
    public void Thresholds_Default_AreFivePercentAndThreeIntervals()
    {
        Assert.Equal(0.05, Thresholds.ClientBrokenShare);
        Assert.Equal(3, Thresholds.StaleAfterIntervals);
    }

    [Fact]
    public void Aggregate_NoLinks_IsGreyWithNoResultsYet()
    {
        var (colour, summary, counts, stale, _) = EdgeAggregator.Aggregate(ServerFlow, true, [], Now, Thresholds);

        Assert.Equal(EdgeColour.Grey, colour);
        Assert.Equal("no results yet", summary);
        Assert.Empty(counts);
        Assert.Equal(0, stale);
    }

    [Fact]
    public void Aggregate_AllLinksStale_IsGreyAndSaysHowManyAreSilent()
    {
        var links = new[]
        {
            Link(ServerFlow, ProbeOutcome.Reachable, age: TimeSpan.FromSeconds(181)),
            Link(ServerFlow, ProbeOutcome.TimedOut, age: TimeSpan.FromHours(2)),
        };

        var (colour, summary, counts, stale, _) = EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Grey, colour);
        Assert.Equal("2 link(s) silent", summary);
        Assert.Empty(counts);
        Assert.Equal(2, stale);
    }

    [Fact]
    public void Aggregate_AllReachableOneDegraded_IsAmberAndSaysSo()
    {
        var links = new[]
        {
            Link(ServerFlow, ProbeOutcome.Reachable, target: "dc01"),
            Link(ServerFlow, ProbeOutcome.Reachable, target: "dc02") with { Degraded = true },
        };

        var (colour, summary, _, _, degraded) = EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Amber, colour);
        Assert.Equal(1, degraded);
        Assert.Equal("2 / 2 reachable (1 degraded: degraded (see the links))", summary);
    }

    [Fact]
    public void Aggregate_CertificatesNearExpiry_NamesTheMostUrgent()
    {
        // Now is 2026-11-25 12:00 UTC.
        var links = new[]
        {
            Link(ServerFlow, ProbeOutcome.Reachable, target: "dc01") with { Degraded = true, Detail = "TLS 1.3, certificate CN=dc01, expires 2026-12-05 13:00 UTC (10 days left)." },
            Link(ServerFlow, ProbeOutcome.Reachable, target: "dc02") with { Degraded = true, Detail = "TLS 1.3, certificate CN=dc02, expires 2026-11-29 13:00 UTC (4 days left)." },
            Link(ServerFlow, ProbeOutcome.Reachable, target: "dc03"),
        };

        var aggregate = EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Amber, aggregate.Colour);
        Assert.Equal("certificate expires in 4 days", aggregate.Cause);
        Assert.Equal("3 / 3 reachable (2 degraded: certificate expires in 4 days)", aggregate.Summary);
    }

    [Fact]
    public void Aggregate_DegradedAndBroken_IsStillRed()
    {
        var links = new[]
        {
            Link(ServerFlow, ProbeOutcome.TimedOut, target: "dc01"),
            Link(ServerFlow, ProbeOutcome.Reachable, target: "dc02") with { Degraded = true },
        };

        Assert.Equal(EdgeColour.Red, EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds).Colour);
    }

    [Fact]
    public void IsStale_AgeOfExactlyThreeIntervals_IsStillFresh()
    {
        var onTheLimit = Link(ServerFlow, ProbeOutcome.Reachable, age: TimeSpan.FromSeconds(180), intervalSeconds: 60);
        var pastTheLimit = Link(ServerFlow, ProbeOutcome.Reachable, age: TimeSpan.FromSeconds(181), intervalSeconds: 60);
        var slowProbe = Link(ServerFlow, ProbeOutcome.Reachable, age: TimeSpan.FromSeconds(181), intervalSeconds: 300);

        Assert.False(EdgeAggregator.IsStale(onTheLimit, Now, Thresholds));
        Assert.True(EdgeAggregator.IsStale(pastTheLimit, Now, Thresholds));
        Assert.False(EdgeAggregator.IsStale(slowProbe, Now, Thresholds));
    }

    [Fact]
    public void Aggregate_AllFreshLinksReachable_IsGreen()
    {
        var links = Links(ClientFlow, (ProbeOutcome.Reachable, 3));

        var (colour, summary, _, _, _) = EdgeAggregator.Aggregate(ClientFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Green, colour);
        Assert.Equal("3 / 3 reachable", summary);
    }

    [Fact]
    public void Aggregate_ClientFlowFailingShareBelowThreshold_IsAmber()
    {
        var links = Links(ClientFlow, (ProbeOutcome.Reachable, 96), (ProbeOutcome.TimedOut, 4));

        var (colour, summary, _, _, _) = EdgeAggregator.Aggregate(ClientFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Amber, colour);
        Assert.Equal("96 / 100 reachable: 4 TimedOut", summary);
    }

    [Fact]
    public void Aggregate_ClientFlowFailingShareAtThreshold_IsRed()
    {
        var links = Links(ClientFlow, (ProbeOutcome.Reachable, 95), (ProbeOutcome.TimedOut, 5));

        var (colour, _, _, _, _) = EdgeAggregator.Aggregate(ClientFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Red, colour);
    }

    [Fact]
    public void Aggregate_ClientFlowFailingShareAboveThreshold_IsRed()
    {
        var links = Links(ClientFlow, (ProbeOutcome.Reachable, 1), (ProbeOutcome.Refused, 1));

        var (colour, _, _, _, _) = EdgeAggregator.Aggregate(ClientFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Red, colour);
    }

    [Fact]
    public void Aggregate_ServerFlowWithOneFailingLinkAmongMany_IsRed()
    {
        var links = Links(ServerFlow, (ProbeOutcome.Reachable, 99), (ProbeOutcome.Refused, 1));

        var (colour, summary, _, _, _) = EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds);

        Assert.False(ServerFlow.IsClientFlow);
        Assert.Equal(EdgeColour.Red, colour);
        Assert.Equal("99 / 100 reachable: 1 Refused", summary);
    }

    [Fact]
    public void Aggregate_StaleFailingLink_DoesNotCountAgainstFreshOnes()
    {
        var links = new[]
        {
            Link(ServerFlow, ProbeOutcome.Reachable),
            Link(ServerFlow, ProbeOutcome.Reachable),
            Link(ServerFlow, ProbeOutcome.TimedOut, age: TimeSpan.FromMinutes(10)),
        };

        var (colour, summary, counts, stale, _) = EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Green, colour);
        Assert.Equal("2 / 2 reachable (1 silent)", summary);
        Assert.Equal(new Dictionary<ProbeOutcome, int> { [ProbeOutcome.Reachable] = 2 }, counts);
        Assert.Equal(1, stale);
    }

    [Fact]
    public void Aggregate_DisabledFlow_IsOffAndNamesTheCondition()
    {
        var flow = Catalogue.FindFlow("client-smtp")!;
        var links = Links(flow, (ProbeOutcome.TimedOut, 2));

        var (colour, summary, counts, _, _) = EdgeAggregator.Aggregate(flow, false, links, Now, Thresholds);

        Assert.Equal(EdgeColour.Off, colour);
        Assert.Equal("off: Lab mail", summary);
        Assert.Equal(2, counts[ProbeOutcome.TimedOut]);
    }

    [Fact]
    public void Aggregate_DisabledFlowWithoutCondition_IsOffAndSaysSwitchedOff()
    {
        var (colour, summary, _, _, _) = EdgeAggregator.Aggregate(ServerFlow, false, [], Now, Thresholds);

        Assert.Equal(EdgeColour.Off, colour);
        Assert.Equal("off: switched off", summary);
    }

    [Fact]
    public void Aggregate_NoHostAtOneEnd_IsAbsentWithTheReason()
    {
        var (colour, summary, _, _, _) = EdgeAggregator.Aggregate(ServerFlow, true, [], Now, Thresholds, missing: "no Shopping Website host");

        Assert.Equal(EdgeColour.Absent, colour);
        Assert.Equal("not in this estate: no Shopping Website host", summary);
    }

    [Fact]
    public void Aggregate_NoHostAtOneEndButOnlySilentLinks_IsAbsent()
    {
        var links = new[] { Link(ServerFlow, ProbeOutcome.TimedOut, age: TimeSpan.FromHours(1)) };

        var (colour, _, _, stale, _) = EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds, missing: "no Shopping Website host");

        Assert.Equal(EdgeColour.Absent, colour);
        Assert.Equal(1, stale);
    }

    [Fact]
    public void Aggregate_NoHostAtOneEndButFreshResults_ShowsTheResults()
    {
        // A host just taken out of the estate still reports until its agent takes the new plan: its results are true.
        var links = Links(ServerFlow, (ProbeOutcome.TimedOut, 1));

        var (colour, _, _, _, _) = EdgeAggregator.Aggregate(ServerFlow, true, links, Now, Thresholds, missing: "no Shopping Website host");

        Assert.Equal(EdgeColour.Red, colour);
    }

    [Fact]
    public void Aggregate_SwitchedOffAndNoHost_IsOff()
    {
        var (colour, _, _, _, _) = EdgeAggregator.Aggregate(ServerFlow, false, [], Now, Thresholds, missing: "no Shopping Website host");

        Assert.Equal(EdgeColour.Off, colour);
    }

    [Fact]
    public void Aggregate_MixedOutcomes_CountsEachFreshOutcome()
    {
        var links = Links(
            ClientFlow,
            (ProbeOutcome.Reachable, 3),
            (ProbeOutcome.TimedOut, 2),
            (ProbeOutcome.Refused, 1),
            (ProbeOutcome.ProtocolError, 1));
        links.Add(Link(ClientFlow, ProbeOutcome.DnsFailed, age: TimeSpan.FromDays(1)));

        var (_, _, counts, stale, _) = EdgeAggregator.Aggregate(ClientFlow, true, links, Now, Thresholds);

        Assert.Equal(
            new Dictionary<ProbeOutcome, int>
            {
                [ProbeOutcome.Reachable] = 3,
                [ProbeOutcome.TimedOut] = 2,
                [ProbeOutcome.Refused] = 1,
                [ProbeOutcome.ProtocolError] = 1,
            },
            counts);
        Assert.False(counts.ContainsKey(ProbeOutcome.DnsFailed));
        Assert.Equal(1, stale);
    }

    [Fact]
    public void Aggregate_ThousandsOfClients_SummaryUsesGroupedNumbersAndWorstOutcomeFirst()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var links = Links(
                ClientFlow,
                (ProbeOutcome.Reachable, 4_812),
                (ProbeOutcome.Refused, 6),
                (ProbeOutcome.TimedOut, 12));
            links.Add(Link(ClientFlow, ProbeOutcome.TimedOut, age: TimeSpan.FromHours(1)));
            links.Add(Link(ClientFlow, ProbeOutcome.TimedOut, age: TimeSpan.FromHours(1)));

            var (colour, summary, _, _, _) = EdgeAggregator.Aggregate(ClientFlow, true, links, Now, Thresholds);

            Assert.Equal(EdgeColour.Amber, colour);
            Assert.Equal("4,812 / 4,830 reachable: 12 TimedOut, 6 Refused (2 silent)", summary);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(EdgeColour.Green, "Reachable")]
    [InlineData(EdgeColour.Amber, "Partial")]
    [InlineData(EdgeColour.Red, "Broken")]
    [InlineData(EdgeColour.Off, "Off")]
    [InlineData(EdgeColour.Grey, "No data")]
    [InlineData(EdgeColour.Absent, "Not in estate")]
    public void LabelFor_EveryColour_HasAWord(EdgeColour colour, string label)
    {
        Assert.Equal(label, EdgeState.LabelFor(colour));
    }

    internal static LinkSnapshot Link(
        Flow flow,
        ProbeOutcome outcome,
        TimeSpan? age = null,
        int intervalSeconds = 60,
        string target = "t01",
        DateTimeOffset? since = null,
        DateTimeOffset? now = null)
    {
        var at = (now ?? Now) - (age ?? TimeSpan.FromSeconds(10));
        return new LinkSnapshot(
            "agent-" + target,
            PlanProbeId(flow, target),
            flow.Id,
            target,
            flow.Ports[0],
            outcome,
            since ?? at - TimeSpan.FromMinutes(5),
            at,
            outcome == ProbeOutcome.Reachable ? 1.5 : null,
            null,
            intervalSeconds);
    }

    private static string PlanProbeId(Flow flow, string target) => $"{flow.Id}/{target}/{flow.Ports[0]}";

    private static List<LinkSnapshot> Links(Flow flow, params (ProbeOutcome Outcome, int Count)[] groups)
    {
        var links = new List<LinkSnapshot>();
        foreach (var (outcome, count) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                links.Add(Link(flow, outcome, target: $"h{links.Count:D5}"));
            }
        }

        return links;
    }
}
