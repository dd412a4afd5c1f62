using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Contracts;
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
    });

    [Fact]
    public void Read_Marks_SuspectsAreHostsAndRolesMostFailingFirstFiveAtMost()
    {
        var marks = Enumerable.Range(1, 7).Select(i => Mark(BlameKind.Target, $"h{i}", i, "f")).Append(Mark(BlameKind.Edge, null, 99, "f")).ToList();

        _page.Read(4, [], marks);

        Assert.Equal(["h7", "h6", "h5", "h4", "h3"], _page.Suspects.Select(m => m.Host));
        Assert.Equal(8, _page.Marks.Count);
        Assert.Equal(4, _page.Version);
    }

    [Fact]
    public void Read_NothingOpen_NoLinksRead()
    {
        _page.Read(1, [], []);

        Assert.Empty(_page.Rows);
        Assert.Empty(_read);
    }

    [Fact]
    public void Select_Flow_ItsLinksEdgeAndMarks()
    {
        _page.Read(1, [Edge("f"), Edge("g")], [Mark(BlameKind.Target, "db01", 2, "f"), Mark(BlameKind.Source, "web01", 1, "g")]);

        _page.Select("f");

        Assert.Equal("f", _page.SelectedEdge!.FlowId);
        Assert.Equal("db01", Assert.Single(_page.SelectedMarks).Host);
        Assert.Single(_page.Rows);
    }

    [Fact]
    public void Select_FlowAHostMarkExplainsAmongOthers_ShowsThatMark()
    {
        var dc01 = new BlameMark(BlameKind.Target, "DomainController", "dc01", 3, 3, "dc01: unreachable from 3 of 3 sources on 2 flows", ["f", "g"]);
        _page.Read(1, [Edge("f"), Edge("g")], [dc01]);

        _page.Select("g");

        Assert.Same(dc01, Assert.Single(_page.SelectedMarks));
    }

    [Fact]
    public void Select_FlowWithManySuspects_HostsMostFailingFirstAtMostTenAndHowManyMore()
    {
        var marks = Enumerable.Range(1, 12).Select(i => Mark(BlameKind.Source, $"pc{i:D2}", i, "f")).Prepend(Mark(BlameKind.Edge, null, 99, "f")).ToList();
        _page.Read(1, [Edge("f")], marks);

        _page.Select("f");

        Assert.Equal(["pc12", "pc11", "pc10", "pc09", "pc08", "pc07", "pc06", "pc05", "pc04", "pc03"], _page.SelectedMarks.Select(m => m.Host));
        Assert.Equal(3, _page.SelectedMarksLeft);
    }

    [Fact]
    public void Read_EdgeOpen_ItsLinksReadAgain()
    {
        _page.Select("f");

        _page.Read(2, [], []);

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

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(null, false)]
    [InlineData("0", false)]
    public void WantsWall_Kiosk_OneOrTrue(string? kiosk, bool expected) => Assert.Equal(expected, DiagramPageModel.WantsWall(kiosk));

    private static BlameMark Mark(BlameKind kind, string? host, int failing, string flowId) =>
        new(kind, "Role", host, failing, 10, $"{host} failing", [flowId]);

    private static EdgeState Edge(string flowId) =>
        new(flowId, "Website", "ShoppingDb", [1433], EdgeColour.Green, "Reachable", "", new Dictionary<ProbeOutcome, int>(), 1, 0, null);
}
