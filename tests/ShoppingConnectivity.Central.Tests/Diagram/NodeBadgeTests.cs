using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class NodeBadgeTests
{
    private static EdgeState State(string from, string to, EdgeColour colour, string? label = null) =>
        ConnectionsDiagramTests.Edge(FlowCatalogue.Default.Flows.First(), colour) with { From = from, To = to, Label = label ?? EdgeState.LabelFor(colour) };

    [Fact]
    public void Of_BrokenAndPartialFlows_CountAsFailingInAndOut()
    {
        var badge = NodeBadge.Of("Website", [State("Client", "Website", EdgeColour.Red), State("Website", "ShoppingDb", EdgeColour.Amber), State("Website", "DomainController", EdgeColour.Green)]);

        Assert.Equal((EdgeColour.Red, "\u2716 2 of 3 flows failing"), badge);
    }

    [Fact]
    public void Of_DegradedOnly_SaysDegradedNotFailing()
    {
        var badge = NodeBadge.Of("ShoppingDb", [State("Website", "ShoppingDb", EdgeColour.Amber, EdgeState.DegradedLabel), State("CentralService", "ShoppingDb", EdgeColour.Green)]);

        Assert.Equal((EdgeColour.Amber, "\u26A0 1 of 2 flows degraded"), badge);
    }

    [Fact]
    public void Of_OffAndAbsentFlows_AreNotCounted()
    {
        var badge = NodeBadge.Of("Pop3Server", [State("Client", "Pop3Server", EdgeColour.Off), State("CentralService", "Pop3Server", EdgeColour.Green)]);

        Assert.Equal((EdgeColour.Green, "\u2714 1 flow reachable"), badge);
    }

    [Fact]
    public void Of_NoFlowInTheEstate_SaysSo()
    {
        Assert.Equal((EdgeColour.Absent, "\u2205 no flows in this estate"), NodeBadge.Of("AppClarity", [State("CentralService", "AppClarity", EdgeColour.Absent)]));
    }

    [Fact]
    public void Of_SilentFlows_SayNoData()
    {
        Assert.Equal((EdgeColour.Grey, "? 2 of 2 flows no data"), NodeBadge.Of("Client", [State("Client", "Website", EdgeColour.Grey), State("Receiver", "Client", EdgeColour.Grey)]));
    }
}
