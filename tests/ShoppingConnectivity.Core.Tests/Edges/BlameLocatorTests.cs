using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Tests.Edges;

public class BlameLocatorTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Locate_ManySourcesFailToOneTarget_MarksTheTargetNamingTheHost()
    {
        var links = new List<LinkSnapshot>();
        for (var i = 0; i < 40; i++)
        {
            var pc = $"pc{i:D3}";
            // dc01 fails from 38 of 40 clients; dc02 and the website answer everyone.
            links.Add(Link(pc, "client-dc-ldap", "dc01", i < 38 ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable));
            links.Add(Link(pc, "client-dc-ldap", "dc02", ProbeOutcome.Reachable));
            links.Add(Link(pc, "client-website-http", "web01", ProbeOutcome.Reachable));
        }

        var marks = Locate(links);

        var mark = Assert.Single(marks);
        Assert.Equal(BlameKind.Target, mark.Kind);
        Assert.Equal("DomainController", mark.Role);
        Assert.Equal("dc01", mark.Host);
        Assert.Equal("dc01: unreachable from 38 of 40 sources", mark.Text);
        Assert.Equal(["client-dc-ldap"], mark.FlowIds);
    }

    [Fact]
    public void Locate_TargetFailingFromSourcesOfSeveralFlows_OneMarkCountingDistinctSources()
    {
        var links = new List<LinkSnapshot>
        {
            Link("web01", "website-dc-ldap", "dc01", ProbeOutcome.Refused),
            Link("web01", "website-dc-gc", "dc01", ProbeOutcome.Refused),
            Link("central01", "central-dc-ldap", "dc01", ProbeOutcome.Refused),
            Link("console01", "adminconsole-dc-ldap", "dc01", ProbeOutcome.Refused),
        };

        var mark = Assert.Single(Locate(links));

        Assert.Equal(BlameKind.Target, mark.Kind);
        Assert.Equal("dc01: unreachable from 3 of 3 sources", mark.Text);
        Assert.Equal(["adminconsole-dc-ldap", "central-dc-ldap", "website-dc-gc", "website-dc-ldap"], mark.FlowIds);
    }

    [Fact]
    public void Locate_OneSourceFailsToManyTargets_MarksTheSource()
    {
        var links = new List<LinkSnapshot>();
        for (var i = 0; i < 40; i++)
        {
            var pc = $"pc{i:D3}";
            var broken = pc == "pc007";
            links.Add(Link(pc, "client-dc-ldap", "dc01", broken ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable));
            links.Add(Link(pc, "client-dc-ldap", "dc02", broken ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable));
            links.Add(Link(pc, "client-website-http", "web01", broken ? ProbeOutcome.DnsFailed : ProbeOutcome.Reachable));
        }

        var mark = Assert.Single(Locate(links));

        Assert.Equal(BlameKind.Source, mark.Kind);
        Assert.Equal("Client", mark.Role);
        Assert.Equal("pc007", mark.Host);
        Assert.Equal("pc007: cannot reach 3 of 3 targets", mark.Text);
        Assert.Equal(["client-dc-ldap", "client-website-http"], mark.FlowIds);
    }

    [Fact]
    public void Locate_ScatteredFailures_MarksOnlyTheEdge()
    {
        var links = new List<LinkSnapshot>();
        for (var i = 0; i < 40; i++)
        {
            var pc = $"pc{i:D3}";
            // Two clients each lose one of two DCs, a different one: no host is common to the failures.
            links.Add(Link(pc, "client-dc-ldap", "dc01", pc == "pc001" ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable));
            links.Add(Link(pc, "client-dc-ldap", "dc02", pc == "pc002" ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable));
        }

        var mark = Assert.Single(Locate(links));

        Assert.Equal(BlameKind.Edge, mark.Kind);
        Assert.Null(mark.Host);
        Assert.Equal(["client-dc-ldap"], mark.FlowIds);
        Assert.Equal("2 of 80 links failing with no common source or target", mark.Text);
    }

    [Fact]
    public void Locate_OneServerLinkFailing_MarksTheEdgeNotAHost()
    {
        var links = new List<LinkSnapshot> { Link("web01", "website-shoppingdb-sql", "sql01", ProbeOutcome.TimedOut) };

        var mark = Assert.Single(Locate(links));

        Assert.Equal(BlameKind.Edge, mark.Kind);
        Assert.Equal(["website-shoppingdb-sql"], mark.FlowIds);
    }

    [Fact]
    public void Locate_TargetAndSourceAtOnce_SourceMarkIgnoresFailuresTheTargetExplains()
    {
        var links = new List<LinkSnapshot>();
        for (var i = 0; i < 10; i++)
        {
            var pc = $"pc{i:D3}";
            links.Add(Link(pc, "client-dc-ldap", "dc01", ProbeOutcome.TimedOut));
            links.Add(Link(pc, "client-dc-ldap", "dc02", pc == "pc003" ? ProbeOutcome.Refused : ProbeOutcome.Reachable));
            links.Add(Link(pc, "client-website-http", "web01", pc == "pc003" ? ProbeOutcome.Refused : ProbeOutcome.Reachable));
        }

        var marks = Locate(links);

        Assert.Equal(2, marks.Count);
        Assert.Equal("dc01: unreachable from 10 of 10 sources", marks[0].Text);
        Assert.Equal(BlameKind.Source, marks[1].Kind);
        Assert.Equal("pc003: cannot reach 2 of 3 targets", marks[1].Text);
    }

    [Fact]
    public void Locate_TooFewSourcesForTheRules_FallsBackToTheEdge()
    {
        var links = new List<LinkSnapshot>
        {
            Link("web01", "website-dc-ldap", "dc01", ProbeOutcome.Refused),
            Link("central01", "central-dc-ldap", "dc01", ProbeOutcome.Refused),
        };

        var strict = Locate(links);
        var lenient = BlameLocator.Locate(Catalogue, links, _ => true, Now, EdgeThresholds.Default, new BlameRules(MinSources: 2));

        Assert.All(strict, m => Assert.Equal(BlameKind.Edge, m.Kind));
        Assert.Equal(2, strict.Count);
        Assert.Equal("dc01: unreachable from 2 of 2 sources", Assert.Single(lenient).Text);
    }

    [Fact]
    public void Locate_StaleAndDisabledLinks_AreIgnored()
    {
        var links = new List<LinkSnapshot>
        {
            Link("web01", "website-shoppingdb-sql", "sql01", ProbeOutcome.TimedOut) with { LastAt = Now.AddHours(-1) },
            Link("central01", "central-appclarity", "ac01", ProbeOutcome.TimedOut),
        };

        var marks = BlameLocator.Locate(Catalogue, links, f => f.Id != "central-appclarity", Now, EdgeThresholds.Default, BlameRules.Default);

        Assert.Empty(marks);
    }

    [Fact]
    public void Locate_AllReachable_NoMarks()
    {
        var links = Enumerable.Range(0, 20).Select(i => Link($"pc{i}", "client-dc-ldap", "dc01", ProbeOutcome.Reachable)).ToList();

        Assert.Empty(Locate(links));
    }

    private static IReadOnlyList<BlameMark> Locate(IEnumerable<LinkSnapshot> links) =>
        BlameLocator.Locate(Catalogue, links, _ => true, Now, EdgeThresholds.Default, BlameRules.Default);

    private static LinkSnapshot Link(string agent, string flowId, string target, ProbeOutcome outcome)
    {
        var flow = Catalogue.FindFlow(flowId)!;
        return new LinkSnapshot(agent, $"{flowId}/{target}/{flow.Ports[0]}", flowId, target, flow.Ports[0], outcome,
            Now.AddMinutes(-5), Now.AddSeconds(-10), outcome == ProbeOutcome.Reachable ? 2 : null, null, 60);
    }
}
