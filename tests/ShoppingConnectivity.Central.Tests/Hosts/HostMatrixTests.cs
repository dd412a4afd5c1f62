using ShoppingConnectivity.Central.Hosts;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Hosts;

public sealed class HostMatrixTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OutboundOf_PlannedProbesWithAndWithoutResults_OneRowPerFlowOneColumnPerTarget()
    {
        PlannedProbe[] planned =
        [
            new("client-dc-ldap/dc01/389", "client-dc-ldap", "tcp", "dc01", "dc01", 389, 3000, 60),
            new("client-dc-ldap/dc02/389", "client-dc-ldap", "tcp", "dc02", "dc02", 389, 3000, 60),
            new("client-website-http/web01/80", "client-website-http", "http", "web01", "web01", 80, 3000, 60),
        ];
        LinkSnapshot[] links =
        [
            new("pc1", "client-dc-ldap/dc01/389", "client-dc-ldap", "dc01", 389, ProbeOutcome.TimedOut, Now, Now, null, "no answer", 60),
            new("pc1", "client-website-http/web01/80", "client-website-http", "web01", 80, ProbeOutcome.Reachable, Now, Now, 3, null, 60),
        ];

        var matrix = HostMatrix.OutboundOf(FlowCatalogue.Default, planned, links, Now, EdgeThresholds.Default);

        Assert.Equal(["dc01", "dc02", "web01"], matrix.Columns);
        Assert.Equal(["client-website-http", "client-dc-ldap"], matrix.Rows.Select(r => r.Flow.Id));
        var dc = matrix.Rows.Single(r => r.Flow.Id == "client-dc-ldap").Cells;
        Assert.Equal(("dc01", EdgeColour.Red, "\u2716 389 TimedOut"), (dc[0].Target, dc[0].Colour, dc[0].Text));
        Assert.Equal(("dc02", EdgeColour.Grey, "? 389 no data"), (dc[1].Target, dc[1].Colour, dc[1].Text));
    }

    [Fact]
    public void InboundOf_SourcesFailingAnyPort_AreListedAndCounted()
    {
        LinkSnapshot[] links =
        [
            new("pc1", "client-dc-ldaps/dc01/636", "client-dc-ldaps", "dc01", 636, ProbeOutcome.Reachable, Now, Now, 2, null, 60),
            new("pc1", "client-dc-ldaps/dc01/3269", "client-dc-ldaps", "dc01", 3269, ProbeOutcome.Refused, Now, Now, null, null, 60),
            new("pc2", "client-dc-ldaps/dc01/636", "client-dc-ldaps", "dc01", 636, ProbeOutcome.Reachable, Now, Now, 2, null, 60),
            new("pc3", "client-dc-ldaps/dc01/636", "client-dc-ldaps", "dc01", 636, ProbeOutcome.TimedOut, Now.AddHours(-1), Now.AddHours(-1), null, null, 60),
        ];

        var row = Assert.Single(HostMatrix.InboundOf(FlowCatalogue.Default, links, Now, EdgeThresholds.Default));

        Assert.Equal((2, 1), (row.Sources, row.Reaching)); // pc3 is silent: not counted
        Assert.Equal([("pc1", ProbeOutcome.Refused)], row.Failing);
    }
}
