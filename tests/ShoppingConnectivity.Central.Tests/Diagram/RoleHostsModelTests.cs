using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.TestSupport.Estates;

namespace ShoppingConnectivity.Central.Tests.Diagram;

public sealed class RoleHostsModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly EdgeThresholds Thresholds = EdgeThresholds.Default;

    [Fact]
    public void Of_TwoDcsOneUnreachableFromClients_Dc02FailingInboundFirstDc01Fine()
    {
        var estate = EstateOf(clients: 4);
        var links = FullEstate.ClientNames(4).SelectMany(pc => new[]
        {
            Link(pc, "client-dc-ldap", "dc01", 389, ProbeOutcome.Reachable),
            Link(pc, "client-dc-ldap", "dc02", 389, ProbeOutcome.TimedOut),
        }).Append(Link("web01", "website-dc-ldap", "dc02", 389, ProbeOutcome.Reachable)).ToList();

        var model = RoleHostsModel.Of(FlowCatalogue.Default, estate, "DomainController", LinksOf(links), Now, Thresholds)!;

        Assert.Equal("Active Directory DC", model.Role.Name);
        Assert.Equal(2, model.HostCount);
        Assert.Equal(1, model.Failing);
        Assert.Equal(11, model.Flows); // 2 from clients, 3 each from the Website, the Central Service and the Admin Console
        Assert.Equal(0, model.OutboundFlows);
        Assert.Equal(["dc02", "dc01"], model.Hosts.Select(h => h.Host));
        var dc02 = model.Hosts[0];
        Assert.Null(dc02.Outbound); // a DC probes nothing
        Assert.Equal(EdgeColour.Red, dc02.Inbound!.Colour);
        Assert.Equal("\u2716 Broken", dc02.Inbound.Caption);
        Assert.Equal("1 of 5 sources reaching", dc02.Inbound.Text); // web01 reaches it, the four clients do not
        Assert.True(dc02.IsFailing);
        var dc01 = model.Hosts[1];
        Assert.Equal(EdgeColour.Green, dc01.Inbound!.Colour);
        Assert.Equal("4 of 4 sources reaching", dc01.Inbound.Text);
        Assert.False(dc01.IsFailing);
        Assert.Equal("/hosts/dc01", dc01.Href);
        Assert.Equal(0, model.More);
    }

    [Fact]
    public void Of_SourceRole_ShowsEachHostsOutboundStateAndHostsWithoutResultsAsNoData()
    {
        var estate = EstateOf(clients: 1, secondWebsite: true);
        List<LinkSnapshot> links =
        [
            Link("web01", "website-shoppingdb-sql", "sql01", 1433, ProbeOutcome.Refused),
            Link("web01", "website-dc-ldap", "dc01", 389, ProbeOutcome.Reachable),
            Link("web01", "website-dc-ldap", "dc02", 389, ProbeOutcome.Reachable),
            Link("pc00000", "client-website-http", "web01", 80, ProbeOutcome.Reachable),
        ];

        var model = RoleHostsModel.Of(FlowCatalogue.Default, estate, "Website", LinksOf(links), Now, Thresholds)!;

        Assert.Equal(["web01", "web02"], model.Hosts.Select(h => h.Host));
        var web01 = model.Hosts[0];
        Assert.Equal(EdgeColour.Red, web01.Outbound!.Colour); // a server flow: one refused link breaks it
        Assert.Equal("2 of 3 links reachable", web01.Outbound.Text);
        Assert.Equal(EdgeColour.Green, web01.Inbound!.Colour);
        Assert.Equal("1 of 1 sources reaching", web01.Inbound.Text);
        var web02 = model.Hosts[1];
        Assert.True(web02.InEstate);
        Assert.Equal("no data", web02.Outbound!.Text);
        Assert.Equal("? No data", web02.Outbound.Caption);
        Assert.Equal("no data", web02.Inbound!.Text);
        Assert.Equal(1, model.Failing);
    }

    [Fact]
    public void Of_UnknownRole_Null()
    {
        Assert.Null(RoleHostsModel.Of(FlowCatalogue.Default, EstateOf(clients: 1), "NoSuchRole", LinksOf([]), Now, Thresholds));
    }

    [Fact]
    public void Of_ThousandsOfClients_FailingFirstThenSilentThenByNameCappedWithTheRestCounted()
    {
        const int clients = 3000;
        var estate = EstateOf(clients);
        var failing = new[] { "pc02999", "pc00100", "pc02000" };
        var links = FullEstate.ClientNames(clients).Select(pc => pc == "pc01500"
                ? Link(pc, "client-website-http", "web01", 80, ProbeOutcome.Reachable, lastAt: Now.AddHours(-1))
                : Link(pc, "client-website-http", "web01", 80, failing.Contains(pc) ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable))
            .ToList();

        var model = RoleHostsModel.Of(FlowCatalogue.Default, estate, "Client", LinksOf(links), Now, Thresholds)!;

        Assert.Equal(clients, model.HostCount);
        Assert.Equal(RoleHostsModel.MaxHosts, model.Hosts.Count);
        Assert.Equal(clients - RoleHostsModel.MaxHosts, model.More);
        Assert.Equal(3, model.Failing);
        Assert.Equal(["pc00100", "pc02000", "pc02999", "pc01500", "pc00000", "pc00001"], model.Hosts.Take(6).Select(h => h.Host));
        Assert.Equal("0 of 1 links reachable", model.Hosts[0].Outbound!.Text);
        Assert.Equal("1 silent", model.Hosts[3].Outbound!.Text);
        Assert.Equal(EdgeColour.Grey, model.Hosts[3].Outbound!.Colour);
        Assert.Equal("no data", model.Hosts[0].Inbound!.Text); // the Receiver's WMI to the clients: no result yet
    }

    [Fact]
    public void Of_LoopbackRole_ItsHostsAreTheClientsProbingThemselves()
    {
        var estate = EstateOf(clients: 2);
        List<LinkSnapshot> links =
        [
            Link("pc00000", "client-tachyon-http", "pc00000", 8000, ProbeOutcome.Refused),
            Link("pc00001", "client-tachyon-http", "pc00001", 8000, ProbeOutcome.Reachable),
        ];

        var model = RoleHostsModel.Of(FlowCatalogue.Default, estate, "TachyonAgent", LinksOf(links), Now, Thresholds)!;

        Assert.Equal(["pc00000", "pc00001"], model.Hosts.Select(h => h.Host));
        Assert.Equal("0 of 1 sources reaching", model.Hosts[0].Inbound!.Text);
        Assert.True(model.Hosts.All(h => h.InEstate));
    }

    [Fact]
    public void Of_HostOnlyTheLinksName_ListedAsNotInTheEstate()
    {
        var estate = EstateOf(clients: 1);
        List<LinkSnapshot> links = [Link("pc00000", "client-dc-ldap", "dc03", 389, ProbeOutcome.Reachable)];

        var model = RoleHostsModel.Of(FlowCatalogue.Default, estate, "DomainController", LinksOf(links), Now, Thresholds)!;

        var dc03 = Assert.Single(model.Hosts, h => h.Host == "dc03");
        Assert.False(dc03.InEstate);
        Assert.Equal(3, model.HostCount);
    }

    private static Estate EstateOf(int clients, bool secondWebsite = false) =>
        EstateFile.Parse(FullEstate.Json("Role hosts", FullEstate.ClientNames(clients), secondWebsite), "estate.json", FlowCatalogue.Default).Estate!;

    private static Func<string, IReadOnlyList<LinkSnapshot>> LinksOf(IReadOnlyList<LinkSnapshot> links)
    {
        var byFlow = links.GroupBy(l => l.FlowId).ToDictionary(g => g.Key, g => (IReadOnlyList<LinkSnapshot>)g.ToList());
        return flowId => byFlow.GetValueOrDefault(flowId) ?? [];
    }

    private static LinkSnapshot Link(string agent, string flow, string target, int port, ProbeOutcome outcome, DateTimeOffset? lastAt = null) =>
        new(agent, $"{flow}/{target}/{port}", flow, target, port, outcome, Now.AddMinutes(-5), lastAt ?? Now,
            outcome == ProbeOutcome.Reachable ? 3 : null, null, 60);
}
