using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class EdgeTableSortTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static EdgeState Edge(string flowId, string from, string to, EdgeColour colour, DateTimeOffset? since) =>
        new(flowId, from, to, [1433], colour, "", "", new Dictionary<ProbeOutcome, int>(), 1, 0, since);

    private static readonly EdgeState[] Edges =
    [
        Edge("a-green", "Website", "ShoppingDb", EdgeColour.Green, Now.AddHours(-5)),
        Edge("b-red-new", "Central", "Smtp", EdgeColour.Red, Now.AddMinutes(-2)),
        Edge("c-red-old", "AdminConsole", "Central", EdgeColour.Red, Now.AddMinutes(-30)),
        Edge("d-never", "Receiver", "Central", EdgeColour.Grey, null),
    ];

    [Fact]
    public void Order_Default_WorstFirstThenLongestStandingAsTheProblemList()
    {
        var ordered = new EdgeTableSort().Order(Edges).Select(e => e.FlowId);

        Assert.Equal(Edges.OrderBy(EdgeProblems.SortKey).Select(e => e.FlowId), ordered);
        Assert.Equal(["c-red-old", "b-red-new"], ordered.Take(2));
    }

    [Fact]
    public void Click_SameColumnTwice_TheOtherWayRound()
    {
        var sort = new EdgeTableSort().Click(EdgeTableColumn.From);
        Assert.Equal(["AdminConsole", "Central", "Receiver", "Website"], sort.Order(Edges).Select(e => e.From));
        Assert.Equal("ascending", sort.AriaSort(EdgeTableColumn.From));
        Assert.Equal("none", sort.AriaSort(EdgeTableColumn.State));

        sort = sort.Click(EdgeTableColumn.From);

        Assert.Equal(["Website", "Receiver", "Central", "AdminConsole"], sort.Order(Edges).Select(e => e.From));
        Assert.Equal("descending", sort.AriaSort(EdgeTableColumn.From));
    }

    [Fact]
    public void Click_AnotherColumnAfterADescendingOne_AscendingByIt()
    {
        var sort = new EdgeTableSort().Click(EdgeTableColumn.State).Click(EdgeTableColumn.To);

        Assert.Equal(new EdgeTableSort(EdgeTableColumn.To, Ascending: true), sort);
    }

    [Fact]
    public void Order_SinceAscending_EdgesThatNeverChangedLastAndTiesInCatalogueOrder()
    {
        var edges = Edges.Append(Edge("e-never-too", "Clients", "Website", EdgeColour.Grey, null)).ToList();

        var ordered = new EdgeTableSort(EdgeTableColumn.Since).Order(edges).Select(e => e.FlowId);

        Assert.Equal(["a-green", "c-red-old", "b-red-new", "d-never", "e-never-too"], ordered);
    }
}
