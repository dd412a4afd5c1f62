using ShoppingConnectivity.Central.Components;
using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.History.Pages;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.History.Pages;

/// <summary>The trend, replay and availability pages over history a real central stored and rolled up.</summary>
public sealed class HistoryPagesTests : IAsyncLifetime, IClassFixture<SeededHistory>
{
    private const string SqlFlow = SeededHistory.SqlFlow;
    private readonly BunitContext _ctx = new();

    public HistoryPagesTests(SeededHistory history)
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddScoped<UserTimeZone>();
        _ctx.Services.AddSingleton(history.Factory.Services.GetRequiredService<HistoryQueries>());
        _ctx.Services.AddSingleton(FlowCatalogue.Default);
        _ctx.Services.AddSingleton(history.Factory.Services.GetRequiredService<EstateStore>());
        _ctx.Services.AddSingleton<TimeProvider>(history.Clock);
        _ctx.Services.AddSingleton(history.Factory.Services.GetRequiredService<IOptions<HistoryOptions>>());
        _ctx.Services.AddSingleton(history.Factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>());
        _ctx.Services.AddSingleton(history.Factory.Services.GetRequiredService<LiveState>());
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public void TrendPage_EdgeWithAnOutage_ShowsUptimeP95AndTheOutageWithItsHosts()
    {
        var cut = Render<TrendPage>($"/trends/{SqlFlow}?range=24h", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.Contains("87.5 %", cut.Find(".trend-uptime .figure-value").TextContent));
        Assert.Contains("ms", cut.Find(".trend-p95 .figure-value").TextContent);
        Assert.EndsWith(", TCP 47101", cut.Find("#trend-title").TextContent.Trim()); // db01's own port, as probed
        Assert.Contains("1, longest 15 min", cut.Find(".trend-outages .figure-value").TextContent);
        var row = cut.Find(".trend-outage-table tbody tr");
        Assert.Contains("2026-11-20 12:30 UTC", row.TextContent);
        Assert.Contains("15 min", row.TextContent);
        Assert.Contains("Broken", row.TextContent);
        Assert.Contains("TimedOut", row.TextContent);
        Assert.Contains("web01 \u2192 db01:47101 TimedOut", row.TextContent);
        Assert.Single(cut.FindAll(".outage-timeline .outage-bar"));
        Assert.NotEmpty(cut.FindAll(".trend-uptime-chart svg"));
        // The seed's two hours of results in a 24-hour range: the other 22 hours are no data, never green or 100 %.
        Assert.NotEmpty(cut.FindAll(".trend-uptime-chart .trend-plot rect.trend-nodata"));
        Assert.Single(cut.FindAll(".outage-timeline rect.outage-covered"));
        Assert.Contains("grey: no data", cut.Find(".trend-outage-table").ParentElement!.TextContent);
        var rows = cut.FindAll(".trend-uptime-chart .trend-table tbody tr");
        Assert.Equal(24 * 12 + 1, rows.Count); // 5-minute steps, the first one starting before the range
        Assert.Contains("no data", rows[0].TextContent);
        Assert.Contains(rows, r => r.TextContent.Contains('%', StringComparison.Ordinal));
        Assert.Contains($"flow={SqlFlow}", cut.Find("a.trend-csv").GetAttribute("href"));
        // The outage's start opens the trend zoomed around it, the 24 hours kept for Reset zoom.
        Assert.Equal($"/trends/{SqlFlow}?range=custom&from=2026-11-20T12%3A15%3A00.0000000%2B00%3A00&to=2026-11-20T13%3A00%3A00.0000000%2B00%3A00&zoomed=24h",
            cut.Find("a.trend-outage-zoom").GetAttribute("href"));
    }

    [Fact]
    public void TrendPage_WholeEstate_NamesTheEdgeOfEachOutage()
    {
        var cut = Render<TrendPage>("/trends?range=7d", _ => { });

        cut.WaitForAssertion(() => Assert.Contains("Whole estate", cut.Find("#trend-title").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("Shopping Website \u2192 Shopping DB (SQL Server)", cut.Find(".trend-outage-table tbody tr").TextContent));
    }

    [Fact]
    public void TrendPage_QuickRanges_AButtonEachAndTheChosenOneMarked()
    {
        var cut = Render<TrendPage>($"/trends/{SqlFlow}?range=6h", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".range-6h")));
        foreach (var key in new[] { "1h", "6h", "24h", "7d", "30d", "90d", "1y", "custom" }) Assert.Single(cut.FindAll($"button.range-{key}"));
        Assert.Equal("true", cut.Find("button.range-6h").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("button.range-24h").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void TrendPage_CustomRange_24HourTextInputsInTheReadersZone()
    {
        _ctx.Services.GetRequiredService<UserTimeZone>().Use("Europe/Berlin", null);
        var cut = Render<TrendPage>($"/trends/{SqlFlow}?range=custom&from=2026-11-20T12:00:00Z&to=2026-11-20T14:00:00Z", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.Equal("2026-11-20 13:00", cut.Find(".trend-from input").GetAttribute("value")));
        Assert.Equal("2026-11-20 15:00", cut.Find(".trend-to input").GetAttribute("value"));
        Assert.Equal("text", cut.Find(".trend-from input").GetAttribute("type"));
        Assert.Contains("From (UTC+1)", cut.Find(".trend-from").TextContent);
    }

    [Fact]
    public void TrendPage_CustomFromNotATime_SaysSoAndStaysPut()
    {
        var uri = $"/trends/{SqlFlow}?range=custom&from=2026-11-20T12:00:00Z&to=2026-11-20T14:00:00Z";
        var cut = Render<TrendPage>(uri, p => p.Add(c => c.FlowId, SqlFlow));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".trend-from input")));

        cut.ChangeOn(".trend-from input", "20/11/2026 1:30 PM");

        cut.WaitForAssertion(() => Assert.Contains("Not a time: yyyy-MM-dd HH:mm, 24-hour", cut.Find(".trend-from").TextContent));
        Assert.EndsWith(uri, _ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendPage_CustomFromIn24HourText_RangeFromItInTheReadersZone()
    {
        _ctx.Services.GetRequiredService<UserTimeZone>().Use("Europe/Berlin", null);
        var cut = Render<TrendPage>($"/trends/{SqlFlow}?range=custom&from=2026-11-20T12:00:00Z&to=2026-11-20T14:00:00Z", p => p.Add(c => c.FlowId, SqlFlow));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".trend-from input")));

        cut.ChangeOn(".trend-from input", "2026-11-20 12:30");

        var query = new Uri(_ctx.Services.GetRequiredService<NavigationManager>().Uri).Query;
        Assert.Contains("from=2026-11-20T11%3A30%3A00.0000000%2B00%3A00", query, StringComparison.Ordinal);
        Assert.Contains("to=2026-11-20T14%3A00%3A00.0000000%2B00%3A00", query, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendPage_Zoomed_RangeInTheHeadingAndResetGoesBack()
    {
        var cut = Render<TrendPage>($"/trends/{SqlFlow}?range=custom&from=2026-11-20T12:00:00Z&to=2026-11-20T13:00:00Z&zoomed=24h", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.Equal("2026-11-20 12:00 UTC to 2026-11-20 13:00 UTC", cut.Find("#trend-range").TextContent));
        cut.ClickOn(".trend-reset-zoom");

        var uri = new Uri(_ctx.Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Contains("range=24h", uri.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("zoomed", uri.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("from=", uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrendPage_DragZoom_NavigatesToTheSpan()
    {
        var cut = Render<TrendPage>($"/trends/{SqlFlow}?range=custom&from=2026-11-20T12:00:00Z&to=2026-11-20T14:00:00Z", p => p.Add(c => c.FlowId, SqlFlow));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".trend-plot")));

        await cut.InvokeAsync(() => cut.Instance.ZoomTo(0.25, 0.5));

        var query = new Uri(_ctx.Services.GetRequiredService<NavigationManager>().Uri).Query;
        Assert.Contains("from=2026-11-20T12%3A30%3A00.0000000%2B00%3A00", query, StringComparison.Ordinal);
        Assert.Contains("to=2026-11-20T13%3A00%3A00.0000000%2B00%3A00", query, StringComparison.Ordinal);
        Assert.Contains("zoomed=2026-11-20T12%3A00%3A00.0000000%2B00%3A00%2F2026-11-20T14%3A00%3A00.0000000%2B00%3A00", query, StringComparison.Ordinal);
    }

    [Fact]
    public void TrendPage_UnknownFlow_ShowsTheErrorNamingIt()
    {
        var cut = Render<TrendPage>("/trends/no-such-flow", p => p.Add(c => c.FlowId, "no-such-flow"));

        cut.WaitForAssertion(() => Assert.Contains("flow: unknown flow 'no-such-flow'", cut.Find(".mud-alert").TextContent));
    }

    [Fact]
    public void ReplayPage_DuringTheOutage_DrawsTheEdgeBrokenAndListsIt()
    {
        var cut = Render<ReplayPage>("/replay?at=2026-11-20T12:40:00Z", _ => { });

        cut.WaitForAssertion(() => Assert.Equal("Red", cut.Find($"g.edge[data-flow='{SqlFlow}']").GetAttribute("data-state")));
        Assert.Contains("Broken", cut.Find(".replay-failing tbody").TextContent);
        Assert.Contains("TCP 47101", cut.Find(".replay-failing tbody").TextContent);
        Assert.Equal("47101", cut.Find($"g.edge[data-flow='{SqlFlow}'] .edge-ports").TextContent);
    }

    [Fact]
    public void ReplayPage_BeforeTheOutage_DrawsTheEdgeReachable()
    {
        var cut = Render<ReplayPage>("/replay?at=2026-11-20T12:20:00Z", _ => { });

        cut.WaitForAssertion(() => Assert.Equal("Green", cut.Find($"g.edge[data-flow='{SqlFlow}']").GetAttribute("data-state")));
        Assert.Contains("Nothing was failing", cut.Find(".replay-failing").TextContent);
    }

    [Fact]
    public void AvailabilityPage_MonthBelowTarget_MarksTheFlowMissedInWords()
    {
        var cut = Render<AvailabilityPage>("/availability?month=2026-11&target=99.9", _ => { });

        cut.WaitForAssertion(() => Assert.Contains("missed", cut.Find($".availability-met[data-flow='{SqlFlow}']").TextContent));
        Assert.Contains("no data", cut.Find(".availability-met[data-flow='website-dc-ldap']").TextContent);
        Assert.Contains("87.5 %", cut.Find(".availability-table").TextContent);
        Assert.Contains("Shopping DB (SQL Server), TCP 47101", cut.Find(".availability-table").TextContent);
    }

    [Fact]
    public void EdgeHistoryPage_MoreThanAPage_NewestFirstAHundredAtATimeWithOlderAndNewest()
    {
        var cut = Render<EdgeHistoryPage>($"/edges/{SqlFlow}/history", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.Equal(EdgeResultsPage.PageSize, cut.FindAll(".history-results tbody tr").Count));
        var rows = cut.FindAll(".history-results tbody tr");
        // The seed's two hours, a result a minute: the newest is 13:59, the hundredth 12:20.
        Assert.Contains("13:59", rows[0].TextContent);
        Assert.Contains("12:20", rows[^1].TextContent);
        var ids = rows.Select(r => long.Parse(r.GetAttribute("data-result")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal($"/edges/{SqlFlow}/history?before={ids[^1]}", cut.Find("a.history-older").GetAttribute("href"));
        Assert.Empty(cut.FindAll("a.history-newest"));

        var older = Render<EdgeHistoryPage>($"/edges/{SqlFlow}/history?before={ids[^1]}", p => p.Add(c => c.FlowId, SqlFlow));

        older.WaitForAssertion(() => Assert.Equal(20, older.FindAll(".history-results tbody tr").Count));
        Assert.Contains("12:19", older.FindAll(".history-results tbody tr")[0].TextContent);
        Assert.Empty(older.FindAll("a.history-older"));
        Assert.Equal($"/edges/{SqlFlow}/history", older.Find("a.history-newest").GetAttribute("href"));
    }

    [Fact]
    public void EdgeHistoryPage_Transitions_EachOpensTheTrendInTheHourAroundIt()
    {
        var cut = Render<EdgeHistoryPage>($"/edges/{SqlFlow}/history", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a.history-transition-trend")));
        var link = cut.FindAll("a.history-transition-trend").First(a => a.TextContent.Contains("12:30:00", StringComparison.Ordinal));
        Assert.Equal($"/trends/{SqlFlow}?range=custom&from=2026-11-20T12%3A00%3A00.0000000%2B00%3A00&to=2026-11-20T13%3A00%3A00.0000000%2B00%3A00", link.GetAttribute("href"));
        Assert.Equal($"/trends/{SqlFlow}?range=1h", cut.Find("a.history-trend-hour").GetAttribute("href"));
    }

    [Fact]
    public void EdgeHistoryPage_OutcomeFilter_OnlyThoseResultsInTheDiagramsRed()
    {
        var cut = Render<EdgeHistoryPage>($"/edges/{SqlFlow}/history?outcome=TimedOut", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.Equal(15, cut.FindAll(".history-results tbody tr").Count));
        Assert.All(cut.FindAll(".history-results td.outcome-cell"), c =>
        {
            Assert.Equal("TimedOut", c.GetAttribute("data-outcome"));
            Assert.Contains("color:#c62828", c.GetAttribute("style"));
            Assert.StartsWith("\u2716", c.TextContent.Trim());
        });
        Assert.Empty(cut.FindAll("a.history-older"));
        Assert.Equal($"/edges/{SqlFlow}/history", cut.Find("a.history-clear").GetAttribute("href"));
    }

    [Theory]
    [InlineData("db01", 100)]
    [InlineData("WEB01", 100)]
    [InlineData("sql99", 0)]
    public void EdgeHistoryPage_HostFilter_ResultsOfThatSourceOrTarget(string host, int expected)
    {
        var cut = Render<EdgeHistoryPage>($"/edges/{SqlFlow}/history?host={host}", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.Equal(expected, cut.FindAll(".history-results tbody tr").Count));
        if (expected == 0) Assert.Equal("No result matches.", cut.Find(".history-none").TextContent.Trim());
        else Assert.Equal($"/edges/{SqlFlow}/history?host={host}&before={cut.FindAll(".history-results tbody tr")[^1].GetAttribute("data-result")}", cut.Find("a.history-older").GetAttribute("href"));
    }

    [Fact]
    public void EdgeHistoryPage_OutcomeNotOneName_SaysSoAndShowsEveryOutcome()
    {
        var cut = Render<EdgeHistoryPage>($"/edges/{SqlFlow}/history?outcome=Reachable,Refused", p => p.Add(c => c.FlowId, SqlFlow));

        cut.WaitForAssertion(() => Assert.Equal(EdgeResultsPage.PageSize, cut.FindAll(".history-results tbody tr").Count));
        Assert.Contains("No outcome 'Reachable,Refused'", cut.Find(".history-bad-outcome").TextContent);
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<T> Render<T>(string uri, Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : IComponent
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
        return _ctx.Render<T>(parameters);
    }
}
