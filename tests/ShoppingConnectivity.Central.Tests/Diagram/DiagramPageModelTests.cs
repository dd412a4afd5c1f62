using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class DiagramPageModelTests
{
    private readonly List<string> _read = [];
    private readonly DiagramPageModel _page;

    public DiagramPageModelTests() => _page = new DiagramPageModel(flowId =>
    {
        _read.Add(flowId);
        return [new LinkRow("web01", "db01", 1433, ProbeOutcome.TimedOut, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, false, false, "hint")];
    }, FlowCatalogue.Default);

    private static readonly DateTimeOffset Now = new(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_Marks_SuspectsAreHostsAndRolesMostFailingFirstFiveAtMost()
    {
        var marks = Enumerable.Range(1, 7).Select(i => Mark(BlameKind.Target, $"h{i}", i, "f")).Append(Mark(BlameKind.Edge, null, 99, "f")).ToList();

        _page.Read(4, [], marks, Now);

        Assert.Equal(["h7", "h6", "h5", "h4", "h3"], _page.Suspects.Select(m => m.Host));
        Assert.Equal(8, _page.Marks.Count);
        Assert.Equal(4, _page.Version);
    }

    [Fact]
    public void Read_NothingOpen_NoLinksRead()
    {
        _page.Read(1, [], [], Now);

        Assert.Empty(_page.Rows);
        Assert.Empty(_read);
    }

    [Fact]
    public void Select_Flow_ItsLinksEdgeAndMarks()
    {
        _page.Read(1, [Edge("f"), Edge("g")], [Mark(BlameKind.Target, "db01", 2, "f"), Mark(BlameKind.Source, "web01", 1, "g")], Now);

        _page.Select("f");

        Assert.Equal("f", _page.SelectedEdge!.FlowId);
        Assert.Equal("db01", Assert.Single(_page.SelectedMarks).Host);
        Assert.Single(_page.Rows);
    }

    [Fact]
    public void Select_FlowAHostMarkExplainsAmongOthers_ShowsThatMark()
    {
        var dc01 = new BlameMark(BlameKind.Target, "DomainController", "dc01", 3, 3, "dc01: unreachable from 3 of 3 sources on 2 flows", ["f", "g"]);
        _page.Read(1, [Edge("f"), Edge("g")], [dc01], Now);

        _page.Select("g");

        Assert.Same(dc01, Assert.Single(_page.SelectedMarks));
    }

    [Fact]
    public void Select_FlowWithManySuspects_HostsMostFailingFirstAtMostTenAndHowManyMore()
    {
        var marks = Enumerable.Range(1, 12).Select(i => Mark(BlameKind.Source, $"pc{i:D2}", i, "f")).Prepend(Mark(BlameKind.Edge, null, 99, "f")).ToList();
        _page.Read(1, [Edge("f")], marks, Now);

        _page.Select("f");

        Assert.Equal(["pc12", "pc11", "pc10", "pc09", "pc08", "pc07", "pc06", "pc05", "pc04", "pc03"], _page.SelectedMarks.Select(m => m.Host));
        Assert.Equal(3, _page.SelectedMarksLeft);
    }

    [Fact]
    public void Read_EdgeOpen_ItsLinksReadAgain()
    {
        _page.Select("f");

        _page.Read(2, [], [], Now);

        Assert.Equal(["f", "f"], _read);
    }

    [Fact]
    public void Close_Open_NothingSelected()
    {
        _page.Select("f");

        _page.Close();

        Assert.Null(_page.Selected);
        Assert.Empty(_page.SelectedMarks);
    }

    [Fact]
    public void Read_EdgesNotGreen_ProblemsWorstThenLongestFirstWithTheirSuspects()
    {
        var edges = new[]
        {
            Edge("website-shoppingdb-sql"),
            Edge("client-website-http", EdgeColour.Amber, "Partial", Now.AddMinutes(-40)),
            Edge("website-dc-ldaps", EdgeColour.Amber, EdgeState.DegradedLabel, Now.AddDays(-2)),
            Edge("central-smtp", EdgeColour.Red, "Broken", Now.AddMinutes(-5)),
            Edge("website-dc-ldap", EdgeColour.Red, "Broken", Now.AddMinutes(-22)),
            Edge("central-pop3", EdgeColour.Grey, "No data", Now.AddMinutes(-3), links: 2),
            Edge("admin-website-http", EdgeColour.Grey, "No data", null, links: 0),
            Edge("central-appclarity", EdgeColour.Off, "Off", null),
        };
        var marks = new[]
        {
            new BlameMark(BlameKind.Edge, "DomainController", null, 1, 2, "1 of 2 links failing with no common source or target", ["website-dc-ldap"]),
            new BlameMark(BlameKind.Target, "DomainController", "dc01", 2, 2, "dc01: unreachable from 2 of 2 sources", ["website-dc-ldap"]),
        };

        _page.Read(1, edges, marks, Now);

        Assert.Equal(["website-dc-ldap", "central-smtp", "client-website-http", "website-dc-ldaps", "central-pop3"], _page.Problems.Select(p => p.FlowId));
        var first = _page.Problems[0];
        Assert.Equal("Broken for 22 min", first.For);
        Assert.Equal("Shopping Website \u2192 Active Directory DC, TCP 389", first.Edge);
        Assert.Equal("dc01: unreachable from 2 of 2 sources", first.Suspect);
        Assert.Equal("/?edge=website-dc-ldap", first.Href);
        Assert.Equal("Degraded for 2 days 0 h", _page.Problems[3].For);
        Assert.Equal("Silent for 3 min", _page.Problems[4].For);
        Assert.Null(_page.Problems[1].Suspect);
    }

    [Fact]
    public void Tick_TimePasses_DurationsMoveOn()
    {
        _page.Read(1, [Edge("central-smtp", EdgeColour.Red, "Broken", Now.AddMinutes(-5))], [], Now);

        _page.Tick(Now.AddMinutes(10));

        Assert.Equal("Broken for 15 min", Assert.Single(_page.Problems).For);
    }

    [Fact]
    public void Read_AllGreen_NoProblems()
    {
        _page.Read(1, [Edge("central-smtp"), Edge("website-dc-ldap")], [], Now);

        Assert.Empty(_page.Problems);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", null, null)]
    [InlineData("central-smtp", "central-smtp", null)]
    [InlineData("nope", null, "nope")]
    public void Follow_EdgeOfTheUrl_OpensAKnownFlowNamesAnUnknownOne(string? edge, string? selected, string? unknown)
    {
        _page.Select("website-shoppingdb-sql");

        _page.Follow(edge);

        Assert.Equal((selected, unknown), (_page.Selected, _page.UnknownEdge));
        Assert.Equal(selected is null ? ["website-shoppingdb-sql"] : ["website-shoppingdb-sql", selected], _read);
    }

    [Fact]
    public void Follow_SameEdgeAgain_LinksNotReadAgain()
    {
        _page.Follow("central-smtp");

        _page.Follow("central-smtp");

        Assert.Equal(["central-smtp"], _read);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(null, false)]
    [InlineData("0", false)]
    public void WantsWall_Kiosk_OneOrTrue(string? kiosk, bool expected) => Assert.Equal(expected, DiagramPageModel.WantsWall(kiosk));

    private static BlameMark Mark(BlameKind kind, string? host, int failing, string flowId) =>
        new(kind, "Role", host, failing, 10, $"{host} failing", [flowId]);

    private static EdgeState Edge(string flowId) => Edge(flowId, EdgeColour.Green, "Reachable", null);

    /// <summary>The flow's edge in <paramref name="colour"/> since <paramref name="since"/>, with the catalogue's roles and ports.</summary>
    private static EdgeState Edge(string flowId, EdgeColour colour, string label, DateTimeOffset? since, int links = 1)
    {
        var flow = FlowCatalogue.Default.FindFlow(flowId);
        return new(flowId, flow?.From ?? "Website", flow?.To ?? "ShoppingDb", flow?.Ports ?? [1433], colour, label, "", new Dictionary<ProbeOutcome, int>(), links,
            colour == EdgeColour.Grey ? links : 0, since);
    }
}
