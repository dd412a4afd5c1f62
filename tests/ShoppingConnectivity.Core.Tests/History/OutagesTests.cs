using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Core.Tests.History;

public class OutagesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OfLinks_FailThenRecover_IsOneOutageWithItsOutcomeAndLength()
    {
        var transitions = new[]
        {
            T("web01", null, ProbeOutcome.Reachable, 0),
            T("web01", ProbeOutcome.Reachable, ProbeOutcome.TimedOut, 60),
            T("web01", ProbeOutcome.TimedOut, ProbeOutcome.Reachable, 90),
        };

        var outage = Assert.Single(Outages.OfLinks(transitions, T0, T0.AddHours(2)));

        Assert.Equal(ProbeOutcome.TimedOut, outage.Outcome);
        Assert.Equal(T0.AddMinutes(60), outage.Start);
        Assert.Equal(TimeSpan.FromMinutes(30), outage.DurationUntil(T0.AddDays(1)));
    }

    [Fact]
    public void OfLinks_StillFailingAtTheEnd_IsOpenEnded()
    {
        var outage = Assert.Single(Outages.OfLinks([T("web01", ProbeOutcome.Reachable, ProbeOutcome.Refused, 30)], T0, T0.AddHours(1)));

        Assert.Null(outage.End);
        Assert.Equal(TimeSpan.FromMinutes(30), outage.DurationUntil(T0.AddHours(1)));
    }

    [Fact]
    public void OfLinks_FailingBeforeTheRange_StartsAtTheRangeStart()
    {
        var transitions = new[]
        {
            T("web01", ProbeOutcome.Reachable, ProbeOutcome.TimedOut, -120),
            T("web01", ProbeOutcome.TimedOut, ProbeOutcome.Reachable, 15),
        };

        var outage = Assert.Single(Outages.OfLinks(transitions, T0, T0.AddHours(1)));

        Assert.Equal(T0, outage.Start);
        Assert.Equal(T0.AddMinutes(15), outage.End);
    }

    [Fact]
    public void OfLinks_OutcomeChangesWhileFailing_SplitsByOutcomeClass()
    {
        var transitions = new[]
        {
            T("web01", ProbeOutcome.Reachable, ProbeOutcome.TimedOut, 10),
            T("web01", ProbeOutcome.TimedOut, ProbeOutcome.Refused, 20),
            T("web01", ProbeOutcome.Refused, ProbeOutcome.Reachable, 30),
        };

        var outages = Outages.OfLinks(transitions, T0, T0.AddHours(1));

        Assert.Equal([ProbeOutcome.TimedOut, ProbeOutcome.Refused], outages.Select(o => o.Outcome));
        Assert.Equal(outages[0].End, outages[1].Start);
    }

    [Fact]
    public void OfLinks_AfterTheRange_Ignored()
    {
        Assert.Empty(Outages.OfLinks([T("web01", ProbeOutcome.Reachable, ProbeOutcome.TimedOut, 120)], T0, T0.AddHours(1)));
    }

    [Fact]
    public void OfEdge_OverlappingLinkOutages_MergeIntoOneNamingHostsAndOutcomes()
    {
        var links = new[]
        {
            new LinkOutage("f", "web01", "dc01", 389, ProbeOutcome.TimedOut, T0.AddMinutes(10), T0.AddMinutes(40)),
            new LinkOutage("f", "web02", "dc01", 389, ProbeOutcome.Refused, T0.AddMinutes(30), T0.AddMinutes(50)),
            new LinkOutage("f", "web01", "dc02", 389, ProbeOutcome.TimedOut, T0.AddMinutes(90), T0.AddMinutes(95)),
        };

        var outages = Outages.OfEdge("website-dc-ldap", links);

        Assert.Equal(2, outages.Count);
        Assert.Equal((T0.AddMinutes(10), T0.AddMinutes(50)), (outages[0].Start, outages[0].End!.Value));
        Assert.Equal(["web01", "web02"], outages[0].Sources);
        Assert.Equal(["dc01:389"], outages[0].Targets);
        Assert.Equal([ProbeOutcome.Refused, ProbeOutcome.TimedOut], outages[0].Outcomes.OrderBy(o => o.ToString()));
        Assert.Equal(TimeSpan.FromMinutes(5), outages[1].DurationUntil(T0.AddDays(1)));
    }

    [Fact]
    public void OfEdge_OpenLinkOutage_KeepsTheEdgeOutageOpen()
    {
        var links = new[]
        {
            new LinkOutage("f", "web01", "dc01", 389, ProbeOutcome.TimedOut, T0, null),
            new LinkOutage("f", "web02", "dc01", 389, ProbeOutcome.TimedOut, T0.AddMinutes(5), T0.AddMinutes(10)),
        };

        Assert.Null(Assert.Single(Outages.OfEdge("f", links)).End);
    }

    [Fact]
    public void Availability_NinetyNinePointNineTarget_MetOnlyAtOrAboveIt()
    {
        var good = new RollupBucket("f", T0);
        for (var i = 0; i < 999; i++) good.Add(ProbeOutcome.Reachable, 1, false);
        good.Add(ProbeOutcome.TimedOut, null, false);
        var bad = new RollupBucket("f", T0);
        for (var i = 0; i < 998; i++) bad.Add(ProbeOutcome.Reachable, 1, false);
        bad.Add(ProbeOutcome.TimedOut, null, false);
        bad.Add(ProbeOutcome.TimedOut, null, false);

        Assert.True(Availability.For("f", [good], [], 99.9, T0).Met);
        var row = Availability.For("f", [bad], [], 99.9, T0);
        Assert.False(row.Met);
        Assert.Equal(99.8, row.UptimePercent!.Value, 6);
    }

    [Fact]
    public void Availability_NoProbes_HasNoUptimeRatherThanAHundredPercent()
    {
        var row = Availability.For("f", [], [], 99.9, T0);

        Assert.Null(row.UptimePercent);
        Assert.Null(row.Met);
    }

    private static LinkTransition T(string agent, ProbeOutcome? from, ProbeOutcome to, int minutes) =>
        new(agent, "website-dc-ldap/dc01/389", "website-dc-ldap", "dc01", 389, from, to, T0.AddMinutes(minutes));
}
