using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.TestSupport.Estates;

namespace ShoppingConnectivity.Central.Tests.Diagram;

/// <summary>
/// A role's hosts on the dashboard: a whole estate (two DCs) where the three clients reach dc01 and none reaches dc02.
/// The panel opens from the role's box and from the URL, names each host's inbound and outbound state, links each host
/// page, and shares the right of the page with the links panel, one at a time.
/// </summary>
public sealed class RoleHostsPanelTests : IAsyncLifetime
{
    private readonly PageHost _host = new(estateJson: FullEstate.Json("Role lab", FullEstate.ClientNames(3)));

    private NavigationManager Navigation => _host.Context.Services.GetService(typeof(NavigationManager)) as NavigationManager
        ?? throw new InvalidOperationException("no navigation manager");

    public Task InitializeAsync()
    {
        var now = _host.Get<TimeProvider>().GetUtcNow();
        _host.Get<LiveState>().Apply(FullEstate.ClientNames(3).SelectMany(pc => new[]
        {
            Link(pc, "client-dc-ldap", "dc01", 389, ProbeOutcome.Reachable, now),
            Link(pc, "client-dc-ldap", "dc02", 389, ProbeOutcome.TimedOut, now),
        }).Append(Link("web01", "website-shoppingdb-sql", "sql01", 1433, ProbeOutcome.Refused, now)));
        return Task.CompletedTask;
    }

    [Fact]
    public void Page_RoleBoxClicked_ListsItsHostsFailingFirstEachWithStateAndHostLink()
    {
        var page = _host.Context.Render<DiagramPage>();
        var box = page.Find("g.node[data-role='DomainController']");
        Assert.Equal("button", box.GetAttribute("role"));
        Assert.Equal("0", box.GetAttribute("tabindex"));
        // The name holds the box's visible lines word for word (its suspect too), then what it does.
        Assert.StartsWith("Active Directory DC \u2716 dc02: unreachable from 3/3 \u2716 1 of ", box.GetAttribute("aria-label"));
        Assert.EndsWith(" flows failing: open its hosts", box.GetAttribute("aria-label"));
        Assert.StartsWith("Receiver ConfigMgr site server ", page.Find("g.node[data-role='Receiver']").GetAttribute("aria-label"));

        box.Click();

        Assert.EndsWith("/?role=DomainController", Navigation.Uri);
        var panel = page.Find("aside.role-hosts[data-role='DomainController']");
        Assert.Equal("Active Directory DC: 2 hosts", panel.QuerySelector("#role-hosts-title")!.TextContent.Trim());
        Assert.Equal(["dc02", "dc01"], page.FindAll(".role-host").Select(r => r.GetAttribute("data-host")));
        var dc02 = page.Find(".role-host[data-host='dc02'] .role-host-inbound");
        Assert.Equal("Red", dc02.GetAttribute("data-state"));
        Assert.Contains("\u2716 Broken", dc02.TextContent);
        Assert.Contains("0 of 3 sources reaching", dc02.TextContent);
        Assert.Equal(EdgePresenterRed, dc02.QuerySelector(".role-host-state")!.GetAttribute("style")!.Split(';')[0]);
        var dc01 = page.Find(".role-host[data-host='dc01'] .role-host-inbound");
        Assert.Contains("\u2714 Reachable", dc01.TextContent);
        Assert.Contains("3 of 3 sources reaching", dc01.TextContent);
        Assert.Empty(page.FindAll(".role-host-outbound")); // a DC probes nothing
        Assert.Equal("/hosts/dc02", page.Find(".role-host[data-host='dc02'] a.role-host-link").GetAttribute("href"));
        Assert.Empty(page.FindAll("aside.drilldown"));
    }

    [Fact]
    public void Page_RolePanelOpen_FollowsTheLiveLinks()
    {
        var page = _host.Context.Render<DiagramPage>();
        page.ClickOn("g.node[data-role='DomainController']");
        Assert.Contains("0 of 3 sources reaching", page.Find(".role-host[data-host='dc02'] .role-host-inbound").TextContent);

        var now = _host.Get<TimeProvider>().GetUtcNow();
        _host.Get<LiveState>().Apply(FullEstate.ClientNames(3).Select(pc => Link(pc, "client-dc-ldap", "dc02", 389, ProbeOutcome.Reachable, now)));

        page.WaitForAssertion(() => Assert.Contains("3 of 3 sources reaching", page.Find(".role-host[data-host='dc02'] .role-host-inbound").TextContent),
            TimeSpan.FromSeconds(10));
        Assert.Equal(["dc01", "dc02"], page.FindAll(".role-host").Select(r => r.GetAttribute("data-host")));
    }

    [Fact]
    public void Page_RoleBoxFocusedAndEnterPressed_OpensItsHosts()
    {
        var page = _host.Context.Render<DiagramPage>();

        page.Find("g.node[data-role='Website']").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        var web01 = page.Find("aside.role-hosts .role-host[data-host='web01']");
        Assert.Contains("\u2716 Broken", web01.QuerySelector(".role-host-outbound")!.TextContent);
        Assert.Contains("0 of 1 links reachable", web01.QuerySelector(".role-host-outbound")!.TextContent);
        Assert.Contains("no data", web01.QuerySelector(".role-host-inbound")!.TextContent);
    }

    [Fact]
    public void Page_RoleThenEdgeThenRole_OnePanelAtATime()
    {
        var page = _host.Context.Render<DiagramPage>();

        page.ClickOn("g.node[data-role='DomainController']");
        page.ClickOn("g.edge[data-flow='client-dc-ldap']");

        Assert.EndsWith("/?edge=client-dc-ldap", Navigation.Uri);
        Assert.NotNull(page.Find("aside.drilldown[data-flow='client-dc-ldap']"));
        Assert.Empty(page.FindAll("aside.role-hosts"));

        page.ClickOn("g.node[data-role='Client']");

        Assert.EndsWith("/?role=Client", Navigation.Uri);
        Assert.Empty(page.FindAll("aside.drilldown"));
        Assert.Equal("Client: 3 hosts", page.Find("#role-hosts-title").TextContent.Trim());
    }

    [Fact]
    public void Page_RolePanel_ClosedByItsButtonAndByEscape()
    {
        var page = _host.Context.Render<DiagramPage>();
        page.ClickOn("g.node[data-role='DomainController']");

        page.ClickOn(".role-hosts-close");

        Assert.Equal(Navigation.BaseUri, Navigation.Uri);
        Assert.Empty(page.FindAll("aside.role-hosts"));

        page.ClickOn("g.node[data-role='DomainController']");
        page.Find(".diagram-page").ParentElement!.KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal(Navigation.BaseUri, Navigation.Uri);
        Assert.Empty(page.FindAll("aside.role-hosts"));
    }

    [Fact]
    public void Page_RoleInTheUrl_OpensItsHostsAndBackClosesThem()
    {
        Navigation.NavigateTo("/?role=DomainController");
        var page = _host.Context.Render<DiagramPage>();

        Assert.NotNull(page.Find("aside.role-hosts[data-role='DomainController']"));
        Assert.Empty(page.FindAll(".diagram-unknown-role"));

        Navigation.NavigateTo("/");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("aside.role-hosts")));
    }

    [Fact]
    public void Page_UnknownRoleInTheUrl_SaysSoAndOpensNothing()
    {
        Navigation.NavigateTo("/?role=Mainframe");

        var page = _host.Context.Render<DiagramPage>();

        Assert.Contains("No role 'Mainframe' in the catalogue", page.Find(".diagram-unknown-role").TextContent);
        Assert.Empty(page.FindAll("aside.role-hosts"));
    }

    [Fact]
    public void Wall_RoleBoxes_AreNotButtons()
    {
        var wall = _host.Context.Render<WallPage>();

        var box = wall.Find("g.node[data-role='DomainController']");
        Assert.Null(box.GetAttribute("tabindex"));
        Assert.Null(box.GetAttribute("role"));
    }

    [Fact]
    public void Panel_ManyHosts_EscapesHostLinksAndCountsTheRest()
    {
        var role = FlowCatalogue.Default.FindRole("Client")!;
        var state = new RoleHostState(EdgeColour.Red, 0, 1, 0, RoleHostsModel.LinksUnit);
        var model = new RoleHostsModel(role, 6, 5, 1, [new RoleHostRow("pc#1 x", false, state, RoleHostState.NoData(RoleHostsModel.SourcesUnit))], 4_951, 1);

        var panel = _host.Context.Render<RoleHostsPanel>(p => p.Add(x => x.Model, model));

        Assert.Equal("Client: 4,951 hosts", panel.Find("#role-hosts-title").TextContent.Trim());
        Assert.Equal("/hosts/pc%231%20x", panel.Find("a.role-host-link").GetAttribute("href"));
        Assert.Contains("(not in the estate)", panel.Find(".role-host").TextContent);
        Assert.Contains("? No data", panel.Find(".role-host-inbound").TextContent);
        Assert.Contains("and 4,950 more", panel.Find(".role-hosts-more").TextContent);
    }

    private static readonly string EdgePresenterRed = $"color:{EdgePresenter.TextColour(EdgeColour.Red)}";

    private static LinkSnapshot Link(string agent, string flow, string target, int port, ProbeOutcome outcome, DateTimeOffset now) =>
        new(agent, $"{flow}/{target}/{port}", flow, target, port, outcome, now, now, outcome == ProbeOutcome.Reachable ? 3 : null, null, 60);

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
