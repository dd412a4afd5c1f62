using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Tests.Edges;

public sealed class MarkIndexTests
{
    private static BlameMark Mark(BlameKind kind, string role, string? host, int failing, params string[] flows) =>
        new(kind, role, host, failing, failing + 1, $"{kind} {host ?? role} ({failing})", flows);

    [Fact]
    public void SuspectOf_HostAndEdgeMarks_HostBeforeTheEdgeThenMostFailing()
    {
        var edge = Mark(BlameKind.Edge, "Website", null, 40, "website-sql");
        var source = Mark(BlameKind.Source, "Website", "web02", 3, "website-sql", "website-smtp");
        var target = Mark(BlameKind.Target, "ShoppingDb", "db01", 9, "website-sql");

        var index = MarkIndex.Of([edge, source, target]);

        Assert.Same(target, index.SuspectOf("website-sql"));
        Assert.Same(source, index.SuspectOf("website-smtp"));
        Assert.Null(index.SuspectOf("central-pop3"));
    }

    [Fact]
    public void SuspectOf_TwoHostsFailingAsMuch_TheFirstListed()
    {
        var first = Mark(BlameKind.Target, "ShoppingDb", "db01", 5, "website-sql");
        var second = Mark(BlameKind.Source, "Website", "web01", 5, "website-sql");

        Assert.Same(first, MarkIndex.Of([first, second]).SuspectOf("website-sql"));
    }

    [Fact]
    public void SuspectOf_OnlyTheEdgeMarked_TheEdge()
    {
        var edge = Mark(BlameKind.Edge, "Client", null, 12, "client-website");

        Assert.Same(edge, MarkIndex.Of([edge]).SuspectOf("client-website"));
    }

    [Fact]
    public void Blamed_EdgeMarkAndHostMark_OnlyTheEdgesFlows()
    {
        var index = MarkIndex.Of([Mark(BlameKind.Edge, "Client", null, 12, "client-website"), Mark(BlameKind.Target, "ShoppingDb", "db01", 4, "website-sql")]);

        Assert.True(index.Blamed("client-website"));
        Assert.False(index.Blamed("website-sql"));
    }

    [Fact]
    public void OfRole_HostMarks_MostFailingFirstTheSameArrayEachTime()
    {
        var few = Mark(BlameKind.Source, "Client", "pc01", 2, "client-website");
        var many = Mark(BlameKind.Source, "Client", "pc02", 7, "client-website");
        var edge = Mark(BlameKind.Edge, "Client", null, 9, "client-website");
        var index = MarkIndex.Of([few, edge, many]);

        Assert.Equal([many, few], index.OfRole("Client"));
        Assert.Same(index.OfRole("Client"), index.OfRole("Client"));
        Assert.Empty(index.OfRole("Website"));
        Assert.Equal([many, few], index.HostMarks);
    }

    [Fact]
    public void Of_TheSameListTwice_OneIndex()
    {
        IReadOnlyList<BlameMark> marks = [Mark(BlameKind.Target, "ShoppingDb", "db01", 4, "website-sql")];

        Assert.Same(MarkIndex.Of(marks), MarkIndex.Of(marks));
        Assert.NotSame(MarkIndex.Of(marks), MarkIndex.Of([.. marks]));
    }
}
