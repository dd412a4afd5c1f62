using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class DiagramGeometryTests
{
    [Theory]
    [InlineData(1920, 1080, "full")]
    [InlineData(2560, 1440, "full")]
    [InlineData(3840, 2160, "full")]
    [InlineData(1899, 1080, "small")]
    [InlineData(1920, 900, "small")]
    [InlineData(1366, 768, "small")]
    [InlineData(1280, 720, "small")]
    [InlineData(390, 844, "small")]
    public void ForWindow_BelowAFullHdWindow_IsTheSmallDiagram(int width, int height, string expected) =>
        Assert.Same(expected == "full" ? DiagramGeometry.Full : DiagramGeometry.Small, DiagramGeometry.ForWindow(width, height));

    [Fact]
    public void Small_TextAtTheSizeAWindowOf1280DrawsIt_IsTwelvePixelsOrMore()
    {
        // The dashboard's frame at 1280 px: the window less the page's 16 px sides, the frame's 4 px padding and a
        // scroll bar. The browser test measures the same on screen.
        var frame = 1280 - 2 * 16 - 2 * 4 - 15;
        Assert.True(DiagramGeometry.Small.FontSize * frame / DiagramGeometry.Small.Width >= 12, $"{DiagramGeometry.Small.FontSize * frame / DiagramGeometry.Small.Width:0.00} px");
    }

    [Fact]
    public void Small_ChipsAreOneLineOfIconProtocolAndPorts()
    {
        var flow = FlowCatalogue.Default.Flows.Single(f => f.Id == "website-dc-ldaps");
        Assert.Equal(DiagramGeometry.Small.ChipWidthOf($"\u2714 {flow.ShortName} {flow.PortsLabel}", "", ""), DiagramGeometry.Small.ChipWidthFor(flow));
        // The full chip's second line ("Reachable 9,999/9,999") makes a client flow's chip wider.
        var client = FlowCatalogue.Default.Flows.First(f => f.IsClientFlow);
        Assert.True(DiagramGeometry.Full.ChipWidthFor(client) > DiagramGeometry.Full.ChipWidthOf($"\u2714 {client.ShortName} {client.PortsLabel}", "", ""));
    }

    [Fact]
    public void ShortMarkLine_LongHostAndMoreSuspects_KeepsSevenCharactersAndCountsTheRest()
    {
        BlameMark Mark(string host) => new(BlameKind.Target, "DomainController", host, 38, 42, "", ["client-dc-ldap"]);
        Assert.Equal("\u2716 pc00039 unreachable", DiagramNodeView.ShortMarkLine([Mark("pc00039")]));
        Assert.Equal("\u2716 dc-pri\u2026 unreachable +1", DiagramNodeView.ShortMarkLine([Mark("dc-primary"), Mark("dc02")]));
        Assert.Equal("\u2716 web01 can't reach", DiagramNodeView.ShortMarkLine([Mark("web01") with { Kind = BlameKind.Source }]));
    }

    [Fact]
    public void Small_LongestLinesOfARoleBox_FitInIt()
    {
        var g = DiagramGeometry.Small;
        // A line centred in the box keeps at least 2 units from each side.
        var room = g.NodeWidth - 4;
        var title = FlowCatalogue.Default.Roles.Select(r => new DiagramNode(r.Id, r.Name, r.Kind, default).Title).MaxBy(t => TextWidth.Of(t, g.FontSize + 1, bold: true))!;
        BlameMark Mark(BlameKind kind) => new(kind, "Client", "a-very-long-client-name-01", 9999, 9999, "", ["client-dc-ldap"]);
        // The badge is bold when red; the suspect never.
        (string Text, bool Bold)[] small = [("\u2716 12 of 12 flows failing", true), ("\u2714 12 flows reachable", false), ("\u26a0 12 of 12 flows degraded", false),
            ("? 12 of 12 flows no data", false), ("\u2205 no flows in this estate", false),
            (DiagramNodeView.ShortMarkLine([Mark(BlameKind.Source), .. Enumerable.Repeat(Mark(BlameKind.Target), 9)]), false),
            (DiagramNodeView.ShortMarkLine([Mark(BlameKind.Target), .. Enumerable.Repeat(Mark(BlameKind.Target), 9)]), false)];

        Assert.True(TextWidth.Of(title, g.FontSize + 1, bold: true) <= room, $"{title}: {TextWidth.Of(title, g.FontSize + 1, bold: true):0}");
        Assert.All(small, line => Assert.True(TextWidth.Of(line.Text, g.FontSize, line.Bold) <= room, $"{line.Text}: {TextWidth.Of(line.Text, g.FontSize, line.Bold):0} of {room}"));
    }
}
