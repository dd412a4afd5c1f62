using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Tests.Edges;

/// <summary>The configurable shares that turn an edge amber or red.</summary>
public class EdgeThresholdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Flow ClientFlow = FlowCatalogue.Default.FindFlow("client-dc-ldap")!;
    private static readonly Flow ServerFlow = FlowCatalogue.Default.FindFlow("website-dc-ldap")!;

    [Theory]
    [InlineData(0, EdgeColour.Green)]
    [InlineData(1, EdgeColour.Amber)]
    [InlineData(241, EdgeColour.Amber)]
    [InlineData(242, EdgeColour.Red)]
    [InlineData(4_830, EdgeColour.Red)]
    public void ClientFlow_DefaultThresholds_AmberBelowFivePercentRedFrom(int failing, EdgeColour expected)
    {
        // 5% of 4,830 is 241.5: 241 failing is below it, 242 at or above.
        var links = Clients(4_830, failing);

        var aggregate = EdgeAggregator.Aggregate(ClientFlow, true, links, Now, EdgeThresholds.Default);

        Assert.Equal(expected, aggregate.Colour);
        Assert.StartsWith($"{4_830 - failing:N0} / 4,830 reachable", aggregate.Summary);
    }

    [Fact]
    public void ClientFlow_AmberShareSet_FewFailingStayGreenButAreCounted()
    {
        var thresholds = EdgeThresholds.Default with { ClientAmberShare = 0.01 };

        var fewFailing = EdgeAggregator.Aggregate(ClientFlow, true, Clients(1_000, 10), Now, thresholds);
        var moreFailing = EdgeAggregator.Aggregate(ClientFlow, true, Clients(1_000, 11), Now, thresholds);

        Assert.Equal(EdgeColour.Green, fewFailing.Colour);
        Assert.Equal("990 / 1,000 reachable: 10 TimedOut", fewFailing.Summary);
        Assert.Equal(EdgeColour.Amber, moreFailing.Colour);
    }

    [Fact]
    public void ClientFlow_BrokenShareRaised_RedOnlyFromTheNewShare()
    {
        var thresholds = EdgeThresholds.Default with { ClientBrokenShare = 0.2 };

        Assert.Equal(EdgeColour.Amber, EdgeAggregator.Aggregate(ClientFlow, true, Clients(100, 19), Now, thresholds).Colour);
        Assert.Equal(EdgeColour.Red, EdgeAggregator.Aggregate(ClientFlow, true, Clients(100, 20), Now, thresholds).Colour);
    }

    [Fact]
    public void ServerFlow_DefaultThresholds_RedOnAnyFailingLink()
    {
        var links = Servers(50, 1);

        Assert.Equal(0, EdgeThresholds.Default.ServerBrokenShare);
        Assert.Equal(EdgeColour.Red, EdgeAggregator.Aggregate(ServerFlow, true, links, Now, EdgeThresholds.Default).Colour);
    }

    [Fact]
    public void ServerFlow_BrokenShareSet_AmberBelowItRedFromIt()
    {
        var thresholds = EdgeThresholds.Default with { ServerBrokenShare = 0.5 };

        Assert.Equal(EdgeColour.Amber, EdgeAggregator.Aggregate(ServerFlow, true, Servers(4, 1), Now, thresholds).Colour);
        Assert.Equal(EdgeColour.Red, EdgeAggregator.Aggregate(ServerFlow, true, Servers(4, 2), Now, thresholds).Colour);
        Assert.Equal(EdgeColour.Green, EdgeAggregator.Aggregate(ServerFlow, true, Servers(4, 0), Now, thresholds).Colour);
    }

    [Theory]
    [InlineData(true, 0, 10, false)]
    [InlineData(true, 1, 20, true)]
    [InlineData(true, 1, 21, false)]
    [InlineData(false, 1, 1_000, true)]
    [InlineData(false, 0, 0, false)]
    public void IsBroken_DefaultShares(bool clientFlow, int failing, int fresh, bool broken)
    {
        Assert.Equal(broken, EdgeThresholds.Default.IsBroken(clientFlow, failing, fresh));
    }

    private static List<LinkSnapshot> Clients(int total, int failing) => Links(ClientFlow, total, failing, "pc");

    private static List<LinkSnapshot> Servers(int total, int failing) => Links(ServerFlow, total, failing, "web");

    private static List<LinkSnapshot> Links(Flow flow, int total, int failing, string prefix) =>
        Enumerable.Range(0, total).Select(i => new LinkSnapshot(
            $"{prefix}{i:D5}", $"{flow.Id}/dc01/389", flow.Id, "dc01", 389,
            i < failing ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable,
            Now.AddMinutes(-5), Now.AddSeconds(-5), null, null, 60)).ToList();
}
