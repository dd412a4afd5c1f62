using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Tests.Edges;

public class BlameLocatorTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Links as "source flow target ok|x" (x: TimedOut), marks as "Kind Role Host flow,flow | text" (host "-" for an edge),
    /// in the order Locate gives them.
    /// </summary>
    public static TheoryData<string, string[], string[]> Estates => new()
    {
        {
            "a target down from many sources across flows: one line, distinct sources counted once",
            [
                "web01 website-dc-ldap dc01 x", "web01 website-dc-gc dc01 x", "central01 central-dc-ldap dc01 x", "console01 adminconsole-dc-ldap dc01 x",
                .. Clients(6, "client-dc-ldap", "dc01", i => i <= 5), .. Clients(6, "client-dc-ldap", "dc02", _ => false),
            ],
            [
                "Target DomainController dc01 adminconsole-dc-ldap,central-dc-ldap,client-dc-ldap,website-dc-gc,website-dc-ldap"
                + " | dc01: unreachable from 8 of 9 sources on 5 flows",
            ]
        },
        {
            "a single client blocked from one target its peers reach",
            [.. Clients(5, "client-website-http", "web01", i => i == 3), .. Clients(5, "client-dc-ldap", "dc01", _ => false)],
            ["Source Client pc03 client-website-http | pc03: cannot reach web01:80, which 4 other clients reach"]
        },
        {
            "a server blocked from one target the other server of its role reaches",
            ["web01 website-shoppingdb-sql sql01 x", "web02 website-shoppingdb-sql sql01 ok"],
            ["Source Website web01 website-shoppingdb-sql | web01: cannot reach sql01:1433, which 1 other Shopping Website host reaches"]
        },
        {
            "a source blocked to several targets its peers reach: counted, the first few named",
            [
                .. Clients(4, "client-website-http", "web01", i => i == 3), .. Clients(4, "client-dc-ldap", "dc01", i => i == 3),
                .. Clients(4, "client-dc-ldap", "dc02", i => i == 3), .. Clients(4, "client-dc-ldaps", "dc02", i => i == 3),
            ],
            ["Source Client pc03 client-dc-ldap,client-dc-ldaps,client-website-http | pc03: cannot reach 4 targets its peers reach (dc01:389, dc02:389, dc02:636, ...)"]
        },
        {
            "scattered failures, no common host and no peer reaching the same target: the edges",
            [
                "pc01 client-dc-ldap dc01 x", "pc02 client-dc-ldap dc02 x", "pc03 client-dc-ldap dc03 ok", "pc04 client-dc-ldap dc04 ok", "pc05 client-dc-ldap dc05 ok",
                "web01 website-shoppingdb-sql sql01 x", "central01 central-dc-ldap dc09 x", "web01 website-dc-ldap dc09 ok",
            ],
            [
                "Edge DomainController - client-dc-ldap | 2 of 5 links failing with no common source or target",
                "Edge ShoppingDb - website-shoppingdb-sql | 1 of 1 links failing with no common source or target",
                "Edge DomainController - central-dc-ldap | 1 of 1 links failing with no common source or target",
            ]
        },
        {
            "a host both failing as a target and as a source: named once, with both",
            [.. Clients(4, "client-website-http", "web01", _ => true), "web01 website-shoppingdb-sql sql01 x", "web02 website-shoppingdb-sql sql01 ok"],
            [
                "Target Website web01 client-website-http,website-shoppingdb-sql | web01: unreachable from 4 of 4 sources on 1 flow;"
                + " cannot reach sql01:1433, which 1 other Shopping Website host reaches",
            ]
        },
        {
            "a source's failures a target explains are not counted against the source",
            [
                .. Clients(10, "client-dc-ldap", "dc01", _ => true), .. Clients(10, "client-dc-ldap", "dc02", i => i == 3),
                .. Clients(10, "client-website-http", "web01", i => i == 3),
            ],
            [
                "Target DomainController dc01 client-dc-ldap | dc01: unreachable from 10 of 10 sources on 1 flow",
                "Source Client pc03 client-dc-ldap,client-website-http | pc03: cannot reach 2 targets its peers reach (dc02:389, web01:80)",
            ]
        },
        {
            "share rule: a target most of its sources reach is not blamed, its failing sources are",
            [.. Clients(10, "client-dc-ldap", "dc01", i => i <= 2)],
            [
                "Source Client pc01 client-dc-ldap | pc01: cannot reach dc01:389, which 8 other clients reach",
                "Source Client pc02 client-dc-ldap | pc02: cannot reach dc01:389, which 8 other clients reach",
            ]
        },
        {
            "share rule: half its sources failing blames the target",
            [.. Clients(10, "client-dc-ldap", "dc01", i => i <= 5)],
            ["Target DomainController dc01 client-dc-ldap | dc01: unreachable from 5 of 10 sources on 1 flow"]
        },
        {
            "one source failing to a target nobody else probes: the edge, not a host",
            ["web01 website-shoppingdb-sql sql01 x"],
            ["Edge ShoppingDb - website-shoppingdb-sql | 1 of 1 links failing with no common source or target"]
        },
        {
            "loopback targets are the sources themselves: never a shared target nor a peer's",
            [.. Clients(3, "client-tachyon-http", "localhost", _ => true)],
            ["Edge TachyonAgent - client-tachyon-http | 3 of 3 links failing with no common source or target"]
        },
        {
            "a multi-role host is marked on the role of most of its failing links",
            [.. Clients(3, "client-website-http", "app01", _ => true), "web01 website-dc-ldap app01 x", "central01 central-dc-ldap app01 x",
                "web01 website-dc-gc app01 x", "central01 central-dc-gc app01 x"],
            [
                "Target DomainController app01 central-dc-gc,central-dc-ldap,client-website-http,website-dc-gc,website-dc-ldap"
                + " | app01: unreachable from 5 of 5 sources on 5 flows",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Estates))]
    public void Locate_Estate_MarksTheSuspects(string estate, string[] links, string[] expected)
    {
        var marks = Locate(links.Select(Parse));

        Assert.True(expected.SequenceEqual(marks.Select(Describe)),
            $"{estate}:\nexpected\n  {string.Join("\n  ", expected)}\ngot\n  {string.Join("\n  ", marks.Select(Describe))}");
        // One line per host, whatever it is blamed for.
        Assert.Equal(marks.Count(m => m.Host is not null), marks.Where(m => m.Host is not null).Select(m => m.Host!.ToLowerInvariant()).Distinct().Count());
    }

    [Fact]
    public void Locate_SourceMark_CountsTheTargetsItProbes()
    {
        var links = Clients(5, "client-website-http", "web01", i => i == 3).Concat(Clients(5, "client-dc-ldap", "dc01", _ => false))
            .Concat(Clients(5, "client-dc-ldaps", "dc01", _ => false)).Select(Parse);

        var mark = Assert.Single(Locate(links));

        Assert.Equal((1, 3), (mark.Failing, mark.Total));
    }

    [Fact]
    public void Locate_TargetNamesInAnyCase_OneHost()
    {
        var links = new[] { "pc01 client-dc-ldap DC01 x", "pc02 client-dc-ldap dc01 x", "web01 website-dc-ldap Dc01 x" }.Select(Parse);

        var mark = Assert.Single(Locate(links));

        Assert.Equal(BlameKind.Target, mark.Kind);
        Assert.Equal((3, 3), (mark.Failing, mark.Total));
    }

    [Fact]
    public void Locate_StricterRules_FallsBackToTheEdge()
    {
        var links = new[] { "web01 website-dc-ldap dc01 x", "central01 central-dc-ldap dc01 x" }.Select(Parse).ToList();

        var strict = BlameLocator.Locate(Catalogue, links, _ => true, Now, EdgeThresholds.Default, new BlameRules(MinSources: 3));
        var lenient = Locate(links);

        Assert.All(strict, m => Assert.Equal(BlameKind.Edge, m.Kind));
        Assert.Equal(2, strict.Count);
        Assert.Equal("dc01: unreachable from 2 of 2 sources on 2 flows", Assert.Single(lenient).Text);
    }

    [Fact]
    public void Locate_StaleAndDisabledLinks_AreIgnored()
    {
        var links = new List<LinkSnapshot>
        {
            Parse("web01 website-shoppingdb-sql sql01 x") with { LastAt = Now.AddHours(-1) },
            Parse("central01 central-appclarity ac01 x"),
            // Silent peers do not vouch for a target either.
            Parse("pc01 client-website-http web01 x"),
            Parse("pc02 client-website-http web01 ok") with { LastAt = Now.AddHours(-1) },
        };

        var marks = BlameLocator.Locate(Catalogue, links, f => f.Id != "central-appclarity", Now, EdgeThresholds.Default, BlameRules.Default);

        Assert.Equal("Edge Website - client-website-http | 1 of 1 links failing with no common source or target", Describe(Assert.Single(marks)));
    }

    [Fact]
    public void Locate_AllReachable_NoMarks()
    {
        Assert.Empty(Locate(Clients(20, "client-dc-ldap", "dc01", _ => false).Select(Parse)));
    }

    private static IReadOnlyList<BlameMark> Locate(IEnumerable<LinkSnapshot> links) =>
        BlameLocator.Locate(Catalogue, links.ToList(), _ => true, Now, EdgeThresholds.Default, BlameRules.Default);

    private static string Describe(BlameMark m) => $"{m.Kind} {m.Role} {m.Host ?? "-"} {string.Join(",", m.FlowIds)} | {m.Text}";

    /// <summary>pc01..pcNN probing the target on the flow; <paramref name="fails"/> says which (by number) fail.</summary>
    private static IEnumerable<string> Clients(int count, string flowId, string target, Func<int, bool> fails) =>
        Enumerable.Range(1, count).Select(i => $"pc{i:D2} {flowId} {target} {(fails(i) ? "x" : "ok")}");

    private static LinkSnapshot Parse(string line)
    {
        var parts = line.Split(' ');
        var (agent, flowId, target) = (parts[0], parts[1], parts[2]);
        var outcome = parts[3] == "ok" ? ProbeOutcome.Reachable : ProbeOutcome.TimedOut;
        var flow = Catalogue.FindFlow(flowId)!;
        return new LinkSnapshot(agent, $"{flowId}/{target}/{flow.Ports[0]}", flowId, target, flow.Ports[0], outcome,
            Now.AddMinutes(-5), Now.AddSeconds(-10), outcome == ProbeOutcome.Reachable ? 2 : null, null, 60);
    }
}
