using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class AlertsPageTests : IAsyncLifetime
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";
    private const string CentralFlow = "central-shoppingdb-sql";
    private const string CentralProbe = "central-shoppingdb-sql/db01/47101";
    private readonly PageHost _host = new();

    /// <summary>Broken links in the live state, then one evaluation: an alert opens per flow and its mail is queued.</summary>
    private async Task BreakAsync(params (string Flow, string Probe)[] links)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var (flow, probe) in links)
            _host.Get<LinkStreaks>().Set("web01", probe, flow, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-3), now.AddMinutes(-1), now));
        _host.Get<LiveState>().Apply(links.Select(l => new LinkSnapshot("web01", l.Probe, l.Flow, "db01", 47101, ProbeOutcome.TimedOut, now.AddMinutes(-3), now, null, "no answer in 3000 ms", 60)).ToList());
        await _host.Get<AlertEvaluator>().EvaluateAsync();
    }

    private Task BreakTheSqlEdgeAsync() => BreakAsync((Flow, Probe));

    /// <summary>db01's certificate expires in 4 days: its link answers, degraded; one evaluation opens a degraded alert.</summary>
    private async Task DegradeTheSqlEdgeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var detail = $"TLS 1.2, certificate CN=db01 issued by CN=ca, expires {now.AddDays(4).AddHours(1):yyyy-MM-dd HH:mm} UTC (4 days left, within the 14-day warning: renew it soon).";
        _host.Get<LinkStreaks>().Set("web01", Probe, Flow, new LinkStreak(LinkHealth.Healthy, 0, 3, null, null, now));
        _host.Get<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.Reachable, now.AddMinutes(-3), now, 2, detail, 60, Degraded: true)]);
        await _host.Get<AlertEvaluator>().EvaluateAsync();
    }

    /// <summary><paramref name="count"/> alerts of the search flow, one minute apart, the newest (highest id) last; every third closed.</summary>
    private async Task<IReadOnlyList<long>> SeedAsync(int count)
    {
        var start = DateTimeOffset.UtcNow.AddHours(-count);
        var alerts = Enumerable.Range(0, count).Select(i => AlertSeed.Alert("website-search-http", i % 3 == 2 ? "Closed" : "Open", i % 3 == 2 ? "Ok" : "Broken",
            start.AddMinutes(i), $"web0{i % 4} \u2192 search01:9200", $"Search edge {i:D3}", recoveredAt: i % 3 == 2 ? start.AddMinutes(i + 30) : null)).ToArray();
        return (await AlertSeed.AddAsync(_host.Factory.Services, alerts)).Select(a => a.Id).ToList();
    }

    private IRenderedComponent<AlertsPage> Render(string? query = null)
    {
        if (query is not null) _host.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/alerts?{query}");
        return _host.Context.Render<AlertsPage>();
    }

    private static List<string> Edges(IRenderedComponent<AlertsPage> page) => page.FindAll(".alerts-edge").Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public async Task Page_BrokenAlert_OneCompactRowWithStateEdgeSinceDurationHostAndDelivery()
    {
        await BreakTheSqlEdgeAsync();
        // No SMTP server is set: the mail stays queued with the reason.
        await _host.Get<AlertDelivery>().DeliverDueAsync();

        var page = Render();

        var state = page.WaitForElement(".alerts-state");
        var outbox = page.WaitForElement(".alerts-outbox");
        Assert.Equal(("Open", "Broken"), (state.GetAttribute("data-state"), state.GetAttribute("data-condition")));
        Assert.Equal("Broken", state.TextContent.Trim());
        // db01 listens on 47101 (its own port setting): the alert names the port probed, not the catalogue's 1433.
        var edge = page.Find(".alerts-edge a");
        Assert.Equal("Shopping Website \u2192 Shopping DB (SQL Server) TCP 47101", edge.TextContent.Trim());
        Assert.Equal($"/alerts/{state.GetAttribute("data-alert")}", edge.GetAttribute("href"));
        Assert.EndsWith(" UTC", page.Find(".alerts-since").TextContent.Trim());
        Assert.Equal("3 min", page.Find(".alerts-duration").TextContent.Trim());
        // The one link web01 -> db01 points at db01, which opens its host page.
        Assert.Equal("/hosts/db01", page.Find(".alerts-host a").GetAttribute("href"));
        Assert.Equal("Not yet", page.Find(".alerts-ack").TextContent.Trim());
        Assert.Equal("Pending", page.Find(".alerts-delivery").GetAttribute("data-status"));
        Assert.StartsWith("Waiting, next try", page.Find(".alerts-delivery").TextContent.Trim());
        Assert.Contains("1 mail(s) waiting in the outbox", outbox.TextContent);
        Assert.Contains("Open: 1", page.Find(".alerts-open-count").TextContent);
        // One row, no card per alert, no timeline on the list.
        Assert.Empty(page.FindAll(".alert-card"));
        Assert.Empty(page.FindAll(".alert-event"));
    }

    [Fact]
    public async Task Page_RowClicked_OpensItsAlert()
    {
        var ids = await SeedAsync(3);
        _host.Auth.SetRoles(CentralRoles.Viewer);
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll(".alerts-row").Count));

        page.Find($".alerts-state[data-alert='{ids[1]}']").Click();

        // The table hands the click on asynchronously: the navigation may follow the click's return.
        page.WaitForAssertion(() => Assert.EndsWith($"/alerts/{ids[1]}", _host.Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Page_DegradedAlert_AmberDegradedNotBroken()
    {
        await DegradeTheSqlEdgeAsync();

        var page = Render();

        var state = page.WaitForElement(".alerts-state");
        Assert.Equal(("Open", "Degraded"), (state.GetAttribute("data-state"), state.GetAttribute("data-condition")));
        Assert.Equal("Degraded", state.TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", page.Find(".alert-state").ClassName);
    }

    [Theory]
    [InlineData("state=Closed", 3)]
    [InlineData("state=open", 7)]
    [InlineData("host=WEB01", 3)]
    [InlineData("state=Open&host=web01", 2)]
    [InlineData("q=edge%20007", 1)]
    [InlineData("flow=website-shoppingdb-sql", 0)]
    public async Task Page_FiltersFromTheAddress_OnlyMatchingRowsAndTheirCount(string query, int expected)
    {
        await SeedAsync(10);

        var page = Render(query);

        // No rows before the first page is read either: with none expected, wait for the table to say so.
        if (expected == 0) page.WaitForAssertion(() => Assert.Equal("No alert matches the filters.", page.Find(".alerts-none").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll(".alerts-row").Count));
    }

    [Fact]
    public async Task Page_TextSearchTyped_ListNarrowsToTheMatch()
    {
        await SeedAsync(10);
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(10, page.FindAll(".alerts-row").Count));

        page.Find(".alerts-filter-text input").Input("edge 004");

        page.WaitForAssertion(() => Assert.Equal(["Search edge 004"], Edges(page)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Page_SortByEdgeThenAgain_AscendingThenDescending()
    {
        await SeedAsync(5);
        var page = Render();
        // Unsorted: open first, newest first.
        page.WaitForAssertion(() => Assert.Equal(["Search edge 004", "Search edge 003", "Search edge 001", "Search edge 000", "Search edge 002"], Edges(page)));

        page.Find(".alerts-sort-edge").Click();
        page.WaitForAssertion(() => Assert.Equal(["Search edge 000", "Search edge 001", "Search edge 002", "Search edge 003", "Search edge 004"], Edges(page)));

        page.Find(".alerts-sort-edge").Click();
        page.WaitForAssertion(() => Assert.Equal(["Search edge 004", "Search edge 003", "Search edge 002", "Search edge 001", "Search edge 000"], Edges(page)));
    }

    [Fact]
    public async Task Page_SortByDuration_ShortestFirst()
    {
        await SeedAsync(4);
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll(".alerts-row").Count));

        page.Find(".alerts-sort-duration").Click();

        // Edge 002 was closed after 30 min; the open ones have lasted hours, the newest least.
        page.WaitForAssertion(() => Assert.Equal(["Search edge 002", "Search edge 003", "Search edge 001", "Search edge 000"], Edges(page)));
    }

    [Fact]
    public async Task Page_MoreThanAPage_25RowsThenTheRestOnTheNextPage()
    {
        await SeedAsync(30);
        var page = Render("state=All");
        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll(".alerts-row").Count));
        Assert.Contains("1-25 of 30", page.Find(".alerts-pager").TextContent);

        page.Find(".alerts-pager button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll(".alerts-row").Count));
        Assert.Contains("26-30 of 30", page.Find(".alerts-pager").TextContent);
    }

    [Fact]
    public async Task Page_Viewer_ReadsTheListWithoutSelectionOrAcknowledge()
    {
        await BreakTheSqlEdgeAsync();
        _host.Auth.SetAuthorized("viewer.vic");
        _host.Auth.SetRoles(CentralRoles.Viewer);

        var page = Render();

        page.WaitForElement(".alerts-state");
        Assert.Empty(page.FindAll(".alerts-table input[type=checkbox]"));
        Assert.Empty(page.FindAll(".alerts-bulk"));
        Assert.Empty(page.FindAll("a[href='/alerts/maintenance']"));
        Assert.Empty(page.FindAll("a[href='/settings/smtp']"));
    }

    [Fact]
    public async Task Page_OperatorTicksTwoAndAcknowledges_BothAcknowledgedWithOneNoteAndAudited()
    {
        await BreakAsync((Flow, Probe), (CentralFlow, CentralProbe));
        _host.Auth.SetAuthorized("ops.jane");
        _host.Auth.SetRoles(CentralRoles.Operator);
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".alerts-row").Count));
        Assert.Empty(page.FindAll(".alerts-bulk"));

        foreach (var box in page.FindAll(".alerts-row input[type=checkbox]")) box.Change(true);
        page.WaitForAssertion(() => Assert.Contains("2 selected, 2 to acknowledge", page.Find(".alerts-selected").TextContent));
        page.Find(".alerts-bulk-note input").Change("firewall change CHG-42");
        page.Find("button.alerts-bulk-ack").Click();

        page.WaitForAssertion(() => Assert.Equal("2 alerts acknowledged.", page.Find(".alerts-done").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(["ops.jane", "ops.jane"], page.FindAll(".alerts-ack").Select(c => c.TextContent.Trim())));
        Assert.Empty(page.FindAll(".alerts-bulk"));
        var board = _host.Get<AlertEvaluator>().Board;
        Assert.True(board.Flows[Flow].Acknowledged && board.Flows[CentralFlow].Acknowledged);
        var audit = await _host.Get<IAuditLog>().ListAsync("alert.acknowledge");
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("ops.jane", "firewall change CHG-42"), (a.Actor, a.Details)));
        var alerts = await _host.Get<AlertHistory>().ListAsync();
        Assert.All(alerts, a => Assert.Equal("firewall change CHG-42", a.AcknowledgeNote));
    }

    [Fact]
    public async Task Page_AcknowledgedAndClosedTicked_OnlyTheOpenOneIsOffered()
    {
        await BreakTheSqlEdgeAsync();
        await SeedAsync(3); // 2 open (not known to the engine), 1 closed
        var page = Render("state=Closed");
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".alerts-row")));

        page.Find(".alerts-row input[type=checkbox]").Change(true);

        page.WaitForAssertion(() => Assert.Contains("1 selected, 0 to acknowledge", page.Find(".alerts-selected").TextContent));
        Assert.True(page.Find("button.alerts-bulk-ack").HasAttribute("disabled"));
    }

    [Fact]
    public void Page_NoAlerts_SaysSo()
    {
        var page = Render();

        page.WaitForAssertion(() => Assert.Equal("No alert yet: every edge has stayed within its rules.", page.Find(".alerts-none").TextContent.Trim()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
