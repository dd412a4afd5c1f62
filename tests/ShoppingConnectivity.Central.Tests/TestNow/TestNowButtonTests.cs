using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Diagram;
using ShoppingConnectivity.Central.Hosts;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Central.TestNow;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.TestNow;

namespace ShoppingConnectivity.Central.Tests.TestNow;

/// <summary>The "Test now" button on the edge's links panel, the host page and a link row; the test estate's web01 probes db01.</summary>
public sealed class TestNowButtonTests : IAsyncLifetime
{
    private const string SqlFlow = "website-shoppingdb-sql";
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";

    private readonly PageHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(CentralRoles.Operator)]
    [InlineData(CentralRoles.Admin)]
    public void Button_OperatorOrAdmin_Shown(string role)
    {
        _host.Auth.SetRoles(role);

        var button = _host.Context.Render<TestNowButton>(p => p.Add(c => c.Target, TestNowTarget.Edge(SqlFlow)));

        Assert.Single(button.FindAll(".test-now-button"));
    }

    [Fact]
    public void Button_Viewer_NotShown()
    {
        _host.Auth.SetRoles(CentralRoles.Viewer);

        var button = _host.Context.Render<TestNowButton>(p => p.Add(c => c.Target, TestNowTarget.Edge(SqlFlow)));

        Assert.Empty(button.FindAll(".test-now-button"));
    }

    [Fact]
    public void Click_NoAgentForTheHost_NamesItOffline()
    {
        _host.Auth.SetRoles(CentralRoles.Operator);
        var button = _host.Context.Render<TestNowButton>(p => p.Add(c => c.Target, TestNowTarget.Host("web01")));

        button.Find(".test-now-button").Click();

        var answer = button.WaitForElement(".test-now-answer");
        Assert.Equal("NobodyOnline", answer.GetAttribute("data-verdict"));
        Assert.Contains("web01 is offline (no agent enrolled for it): not asked", answer.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Click_AgentNeverSeen_SaysItIsOfflineAndNotAsked()
    {
        // (Silent agents: TestNowApiTests, on a clock the test moves; here central has just started listening, so an
        // agent heard an hour ago still counts as online, as on the agents page.)
        await EnrolWeb01Async(lastSeen: null);
        _host.Auth.SetRoles(CentralRoles.Operator);
        var button = _host.Context.Render<TestNowButton>(p => p.Add(c => c.Target, TestNowTarget.Edge(SqlFlow)));

        button.Find(".test-now-button").Click();

        Assert.Contains("web01 is offline (never seen): not asked", button.WaitForElement(".test-now-answer").TextContent, StringComparison.Ordinal);
        Assert.Empty(await _host.Get<AgentRequestQueue>().WaitAsync("web01", TimeSpan.Zero, CancellationToken.None));
    }

    [Fact]
    public async Task Click_Twice_SecondSaysWhenItCanBeTriedAgain()
    {
        await EnrolWeb01Async(lastSeen: DateTimeOffset.UtcNow);
        _host.Auth.SetRoles(CentralRoles.Operator);
        var button = _host.Context.Render<TestNowButton>(p => p.Add(c => c.Target, TestNowTarget.Edge(SqlFlow)));
        button.Find(".test-now-button").Click();
        button.WaitForAssertion(() => Assert.Equal("Asked", button.Find(".test-now-answer").GetAttribute("data-verdict")));

        button.Find(".test-now-button").Click();

        button.WaitForAssertion(() => Assert.Equal("TooSoon", button.Find(".test-now-answer").GetAttribute("data-verdict")));
        Assert.Matches(@"tested less than 10 s ago; try again in \d+ s", button.Find(".test-now-text").TextContent);
        Assert.Matches(@"from \d\d:\d\d:\d\d UTC", button.Find(".test-now-retry").TextContent);
    }

    [Fact]
    public async Task Click_AgentPushesAFreshResult_RowShowsIt()
    {
        await EnrolWeb01Async(lastSeen: DateTimeOffset.UtcNow);
        var live = _host.Get<LiveState>();
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        live.Apply([Link(ProbeOutcome.TimedOut, before)]);
        _host.Auth.SetRoles(CentralRoles.Operator);
        var button = _host.Context.Render<TestNowButton>(p => p.Add(c => c.Target, TestNowTarget.Edge(SqlFlow)));
        button.Find(".test-now-button").Click();
        var row = button.WaitForElement($".test-now-row[data-probe='{SqlProbe}']");
        Assert.Equal("waiting", row.GetAttribute("data-state"));
        var requests = await _host.Get<AgentRequestQueue>().WaitAsync("web01", TimeSpan.Zero, CancellationToken.None);
        Assert.Equal([SqlProbe], Assert.Single(requests).ProbeIds);

        live.Apply([Link(ProbeOutcome.Refused, DateTimeOffset.UtcNow)]);

        button.WaitForAssertion(() => Assert.Equal("answered", button.Find($".test-now-row[data-probe='{SqlProbe}']").GetAttribute("data-state")),
            TimeSpan.FromSeconds(10));
        Assert.Matches(@"web01 \u2192 db01:47101:\s+Refused \(\d\d:\d\d:\d\d UTC\)", button.Find(".test-now-row").TextContent);
        Assert.Contains("1 of 1 results in", button.Find(".test-now-progress").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void EdgeDrillDown_Operator_ButtonForTheEdgeAndEachLink()
    {
        _host.Auth.SetRoles(CentralRoles.Operator);
        var catalogue = _host.Get<FlowCatalogue>();
        var link = LinkRow.From(Link(ProbeOutcome.Refused, DateTimeOffset.UtcNow), _host.Get<ShoppingConnectivity.Central.Estates.EstateStore>().Current,
            DateTimeOffset.UtcNow, _host.Get<LiveState>().Thresholds);

        var panel = _host.Context.Render<EdgeDrillDown>(p => p.Add(c => c.Flow, catalogue.FindFlow(SqlFlow)!).Add(c => c.Rows, [link]));

        Assert.Equal([TestNowTarget.Edge(SqlFlow).Key, TestNowTarget.Link("web01", SqlProbe).Key],
            panel.FindAll(".test-now").Select(b => b.GetAttribute("data-target")));
    }

    [Fact]
    public void EdgeDrillDown_Viewer_NoButton()
    {
        _host.Auth.SetRoles(CentralRoles.Viewer);

        var panel = _host.Context.Render<EdgeDrillDown>(p => p.Add(c => c.Flow, _host.Get<FlowCatalogue>().FindFlow(SqlFlow)!));

        Assert.Empty(panel.FindAll(".test-now-button"));
    }

    [Fact]
    public void HostPage_Operator_ButtonForTheHost()
    {
        _host.Auth.SetRoles(CentralRoles.Operator);

        var page = _host.Context.Render<HostPage>(p => p.Add(c => c.Name, "web01"));

        Assert.Equal(TestNowTarget.Host("web01").Key, page.Find(".test-now").GetAttribute("data-target"));
    }

    [Fact]
    public void HostPage_Viewer_NoButton()
    {
        _host.Auth.SetRoles(CentralRoles.Viewer);

        var page = _host.Context.Render<HostPage>(p => p.Add(c => c.Name, "web01"));

        Assert.Empty(page.FindAll(".test-now-button"));
    }

    private static LinkSnapshot Link(ProbeOutcome outcome, DateTimeOffset at) =>
        new("web01", SqlProbe, SqlFlow, "db01", 47101, outcome, at, at, outcome == ProbeOutcome.Reachable ? 2 : null, "test", 60);

    /// <summary>web01 enrolled through the agent API, last heard from at <paramref name="lastSeen"/>.</summary>
    private async Task EnrolWeb01Async(DateTimeOffset? lastSeen)
    {
        using var client = _host.Factory.CreateClient();
        await AgentApi.EnrolAsync(client);
        await using var db = await _host.Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        await db.Agents.Where(a => a.Id == "web01").ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeenAt, lastSeen));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
