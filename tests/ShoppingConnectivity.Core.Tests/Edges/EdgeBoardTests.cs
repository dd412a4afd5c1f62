using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Tests.Edges;

public class EdgeBoardTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Flow Sql = Catalogue.FindFlow("website-shoppingdb-sql")!;
    private static readonly Flow Ldap = Catalogue.FindFlow("website-dc-ldap")!;

    private readonly EdgeBoard _board = new(Catalogue, EdgeThresholds.Default);
    /// <summary>One host per role: every flow of the catalogue has both ends in this estate.</summary>
    private readonly Estate _estate = Estate.Empty(Catalogue) with
    {
        Hosts = Catalogue.Roles.Select(r => new EstateHost(r.Id.ToLowerInvariant() + "01", null, [r.Id], new Dictionary<string, int>())).ToList(),
    };

    [Fact]
    public void Evaluate_AnyLinks_GivesOneEdgePerCatalogueFlow()
    {
        var (edges, _) = _board.Evaluate(_estate, [], T0);

        Assert.Equal(Catalogue.Flows.Select(f => f.Id), edges.Select(e => e.FlowId));
        var sql = Edge(edges, Sql.Id);
        Assert.Equal("Website", sql.From);
        Assert.Equal("ShoppingDb", sql.To);
        Assert.Equal([1433], sql.Ports);
        Assert.Equal(EdgeColour.Grey, sql.Colour);
        Assert.Equal("No data", sql.Label);
        Assert.Equal(0, sql.Links);
    }

    [Fact]
    public void Evaluate_FlowsSwitchedOffByTheEstate_AreOff()
    {
        var estate = _estate with { Switches = new Dictionary<string, bool>(_estate.Switches) { ["labMail"] = false, ["rbac"] = true } };

        var (edges, _) = _board.Evaluate(estate, [], T0);

        Assert.Equal(EdgeColour.Off, Edge(edges, "client-smtp").Colour);
        Assert.Equal(EdgeColour.Off, Edge(edges, "central-configmgrdb-sql").Colour);
        Assert.Equal("Off", Edge(edges, "client-smtp").Label);
        Assert.Equal(EdgeColour.Grey, Edge(edges, "website-shoppingdb-sql").Colour);
    }

    [Fact]
    public void Evaluate_NoActiveEfficiencyHost_EdgeIsNotInThisEstate()
    {
        var estate = _estate with { Hosts = _estate.Hosts.Where(h => !h.Roles.Contains("ActiveEfficiency")).ToList() };

        var (edges, _) = _board.Evaluate(estate, [], T0);

        var ae = Edge(edges, "central-activeefficiency-http");
        Assert.Equal(EdgeColour.Absent, ae.Colour);
        Assert.Equal("Not in estate", ae.Label);
        Assert.Equal("no ActiveEfficiency host", ae.Share);
        Assert.Equal("not in this estate: no ActiveEfficiency host", ae.Summary);
        Assert.Equal(EdgeColour.Grey, Edge(edges, Sql.Id).Colour);
    }

    [Fact]
    public void EvaluateFlow_CertificateNearExpiry_IsDegradedAndNamesTheCause()
    {
        var ldaps = Catalogue.FindFlow("website-dc-ldaps")!;
        var detail = "TLS 1.3, certificate CN=dc01, expires 2026-11-29 13:00 UTC (4 days left, within the 14-day warning: renew it soon).";
        var links = new[] { new LinkSnapshot("web01", "p1", ldaps.Id, "dc01", 636, ProbeOutcome.Reachable, T0, T0, 3, detail, 60, Degraded: true) };

        var (edge, _) = _board.EvaluateFlow(ldaps, true, links, T0);

        Assert.Equal(EdgeColour.Amber, edge.Colour);
        Assert.Equal("Degraded", edge.Label);
        Assert.Equal("certificate expires in 4 days", edge.Cause);
        Assert.Equal("certificate expires in 4 days", edge.Share);
    }

    [Fact]
    public void EvaluateFlow_SomeLinksFailing_IsPartialWithItsShare()
    {
        var links = new[]
        {
            new LinkSnapshot("web01", "p1", Ldap.Id, "dc01", 389, ProbeOutcome.Reachable, T0, T0, 3, null, 60, Degraded: true),
            new LinkSnapshot("web02", "p2", Ldap.Id, "dc01", 389, ProbeOutcome.TimedOut, T0, T0, null, null, 60),
        };

        var (edge, _) = new EdgeBoard(Catalogue, EdgeThresholds.Default with { ServerBrokenShare = 0.9 }).EvaluateFlow(Ldap, true, links, T0);

        Assert.Equal(EdgeColour.Amber, edge.Colour);
        Assert.Equal("Partial", edge.Label);
        Assert.Equal("1 / 2 reachable", edge.Share);
    }

    [Fact]
    public void Evaluate_PortOverrides_EdgesNameThePortsProbed()
    {
        var sql01 = new EstateHost("sql01", null, ["ShoppingDb"], new Dictionary<string, int>());
        var sql02 = new EstateHost("sql02", null, ["ShoppingDb"], new Dictionary<string, int> { ["shoppingDbSql"] = 14330 });
        var estate = _estate with { Ports = new Dictionary<string, int> { ["websiteHttp"] = 18081 }, Hosts = [sql01, sql02] };

        var (edges, _) = _board.Evaluate(estate, [], T0);

        Assert.Equal("1433 (sql02: 14330)", Edge(edges, "website-shoppingdb-sql").PortsLabel);
        Assert.Equal([1433, 14330], Edge(edges, "website-shoppingdb-sql").Ports);
        Assert.Equal("18081", Edge(edges, "client-website-http").PortsLabel);
        Assert.Equal("135, 445", Edge(edges, "receiver-smsprovider-wmi").PortsLabel);
    }

    [Fact]
    public void Evaluate_FirstCall_IsChangedAndDatesEdgesByTheirNewestLink()
    {
        var newest = T0 - TimeSpan.FromMinutes(2);
        var links = new[]
        {
            Link(Sql, ProbeOutcome.Reachable, "sql01", since: T0 - TimeSpan.FromHours(3)),
            Link(Sql, ProbeOutcome.Reachable, "sql02", since: newest),
        };

        var (edges, changed) = _board.Evaluate(_estate, links, T0);

        Assert.True(changed);
        var sql = Edge(edges, Sql.Id);
        Assert.Equal(EdgeColour.Green, sql.Colour);
        Assert.Equal("Reachable", sql.Label);
        Assert.Equal(2, sql.Links);
        Assert.Equal(newest, sql.LastChange);
        Assert.Null(Edge(edges, Ldap.Id).LastChange);
    }

    [Fact]
    public void Evaluate_SameColoursAgain_IsNotChangedAndKeepsLastChange()
    {
        var links = new[] { Link(Sql, ProbeOutcome.Reachable, "sql01", since: T0 - TimeSpan.FromHours(1)) };
        var (first, _) = _board.Evaluate(_estate, links, T0);

        var later = T0 + TimeSpan.FromSeconds(30);
        var moreLinks = new[]
        {
            Link(Sql, ProbeOutcome.Reachable, "sql01", since: T0 - TimeSpan.FromHours(1), now: later),
            Link(Sql, ProbeOutcome.Reachable, "sql02", since: later, now: later),
        };
        var (second, changed) = _board.Evaluate(_estate, moreLinks, later);

        Assert.False(changed);
        Assert.Equal(Edge(first, Sql.Id).LastChange, Edge(second, Sql.Id).LastChange);
        Assert.Equal(2, Edge(second, Sql.Id).Links);
        Assert.Equal(first.Select(e => e.LastChange), second.Select(e => e.LastChange));
    }

    [Fact]
    public void Evaluate_ColourChanges_IsChangedAndStampsOnlyThatEdge()
    {
        var since = T0 - TimeSpan.FromHours(1);
        _board.Evaluate(_estate, [Link(Sql, ProbeOutcome.Reachable, "sql01", since), Link(Ldap, ProbeOutcome.Reachable, "dc01", since)], T0);

        var later = T0 + TimeSpan.FromMinutes(1);
        var (edges, changed) = _board.Evaluate(
            _estate,
            [Link(Sql, ProbeOutcome.TimedOut, "sql01", since: later, now: later), Link(Ldap, ProbeOutcome.Reachable, "dc01", since, now: later)],
            later);

        Assert.True(changed);
        var sql = Edge(edges, Sql.Id);
        Assert.Equal(EdgeColour.Red, sql.Colour);
        Assert.Equal("Broken", sql.Label);
        Assert.Equal(later, sql.LastChange);
        Assert.Equal(1, sql.Counts[ProbeOutcome.TimedOut]);
        Assert.Equal(since, Edge(edges, Ldap.Id).LastChange);
    }

    [Fact]
    public void Evaluate_AgentsFallSilent_EdgeTurnsGreyAtThatEvaluation()
    {
        var links = new[] { Link(Sql, ProbeOutcome.Reachable, "sql01", since: T0 - TimeSpan.FromHours(1)) };
        _board.Evaluate(_estate, links, T0);

        var muchLater = T0 + TimeSpan.FromMinutes(10); // the same link, now older than 3 intervals of 60 s
        var (edges, changed) = _board.Evaluate(_estate, links, muchLater);

        Assert.True(changed);
        var sql = Edge(edges, Sql.Id);
        Assert.Equal(EdgeColour.Grey, sql.Colour);
        Assert.Equal(1, sql.StaleLinks);
        Assert.Equal("1 link(s) silent", sql.Summary);
        Assert.Equal(muchLater, sql.LastChange);
    }

    [Fact]
    public void Evaluate_CentralRestartedAfterTheLinksLastResult_NotSilentUntilStaleIntervalsAfterItListens()
    {
        // The last result came at T0; central was down for 10 minutes and listens again from T0 + 10 min.
        var links = new[] { Link(Sql, ProbeOutcome.TimedOut, "sql01", since: T0 - TimeSpan.FromMinutes(15)) };
        var listening = T0 + TimeSpan.FromMinutes(10);
        var board = new EdgeBoard(Catalogue, EdgeThresholds.Default with { ListeningSince = listening });

        var (atStart, _) = board.Evaluate(_estate, links, listening + TimeSpan.FromSeconds(1));
        var (justBefore, _) = board.Evaluate(_estate, links, listening + TimeSpan.FromSeconds(180));
        var (after, _) = board.Evaluate(_estate, links, listening + TimeSpan.FromSeconds(181));

        Assert.Equal(EdgeColour.Red, Edge(atStart, Sql.Id).Colour);
        Assert.Equal(EdgeColour.Red, Edge(justBefore, Sql.Id).Colour);
        Assert.Equal(EdgeColour.Grey, Edge(after, Sql.Id).Colour);
    }

    [Fact]
    public void Evaluate_RememberedColourStillHeld_KeepsTheStoredStart()
    {
        // Stored before a restart: red since 14:18 (two links; the second failed later, at 14:25).
        var redSince = T0 - TimeSpan.FromMinutes(15);
        _board.Evaluate(_estate, [], T0); // the board's first look, before links are loaded
        _board.Remember(Sql.Id, EdgeColour.Red, redSince);
        _board.Remember(Ldap.Id, EdgeColour.Red, redSince);
        var links = new[]
        {
            Link(Sql, ProbeOutcome.TimedOut, "sql01", since: redSince),
            Link(Sql, ProbeOutcome.TimedOut, "sql02", since: redSince + TimeSpan.FromMinutes(7)),
            Link(Ldap, ProbeOutcome.Reachable, "dc01", since: T0 - TimeSpan.FromMinutes(2)),
        };

        var (edges, _) = _board.Evaluate(_estate, links, T0);

        Assert.Equal(redSince, Edge(edges, Sql.Id).LastChange);
        // Green now, not red as remembered: it changed at this evaluation.
        Assert.Equal(EdgeColour.Green, Edge(edges, Ldap.Id).Colour);
        Assert.Equal(T0, Edge(edges, Ldap.Id).LastChange);
    }

    [Fact]
    public void Evaluate_SwitchTurnsFlowOn_IsChanged()
    {
        var off = _estate with { Switches = new Dictionary<string, bool>(_estate.Switches) { ["appClarity"] = false } };
        var on = _estate with { Switches = new Dictionary<string, bool>(_estate.Switches) { ["appClarity"] = true } };
        _board.Evaluate(off, [], T0);

        var later = T0 + TimeSpan.FromMinutes(1);
        var (edges, changed) = _board.Evaluate(on, [], later);

        Assert.True(changed);
        var appClarity = Edge(edges, "central-appclarity");
        Assert.Equal(EdgeColour.Grey, appClarity.Colour);
        Assert.Equal(later, appClarity.LastChange);
    }

    [Fact]
    public void Evaluate_LinksOfUnknownFlows_AreIgnored()
    {
        var stray = Link(Sql, ProbeOutcome.TimedOut, "x01", since: T0) with { FlowId = "no-such-flow", ProbeId = "no-such-flow/x01/1" };

        var (edges, _) = _board.Evaluate(_estate, [stray], T0);

        Assert.DoesNotContain(edges, e => e.FlowId == "no-such-flow");
        Assert.All(edges, e => Assert.Equal(0, e.Links));
    }

    private static EdgeState Edge(IReadOnlyList<EdgeState> edges, string flowId) => Assert.Single(edges, e => e.FlowId == flowId);

    private static LinkSnapshot Link(Flow flow, ProbeOutcome outcome, string target, DateTimeOffset since, DateTimeOffset? now = null) =>
        EdgeAggregatorTests.Link(flow, outcome, target: target, since: since, now: now ?? T0);
}
