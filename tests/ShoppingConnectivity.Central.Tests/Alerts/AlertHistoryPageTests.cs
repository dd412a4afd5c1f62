using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Alerts;

/// <summary>The alert list's query: filters, sorts and pages in the database (SQLite, or PostgreSQL with SC_TEST_DB).</summary>
public sealed class AlertHistoryPageTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly CentralFactory _factory = new();

    private AlertHistory History => (AlertHistory)_factory.Services.GetService(typeof(AlertHistory))!;

    /// <summary>Five alerts: two open broken, one open degraded, one acknowledged, one closed.</summary>
    private async Task<IReadOnlyList<long>> SeedAsync()
    {
        var alerts = await AlertSeed.AddAsync(_factory.Services,
            AlertSeed.Alert("website-shoppingdb-sql", "Open", "Broken", Now.AddMinutes(-30), "web01 \u2192 db01:1433, web02 \u2192 db01:1433", "Shopping Website \u2192 Shopping DB"),
            AlertSeed.Alert("website-search-http", "Open", "Broken", Now.AddMinutes(-5), "web01 \u2192 search01:9200", "Shopping Website \u2192 Search"),
            AlertSeed.Alert("website-ldap", "Open", "Degraded", Now.AddDays(-2), "web01 \u2192 dc01:636 (certificate expires in 4 days)", "Shopping Website \u2192 Directory", outcome: "Degraded"),
            AlertSeed.Alert("website-shoppingdb-sql", "Open", "Broken", Now.AddHours(-3), "web03 \u2192 db02:1433", "Shopping Website \u2192 Shopping DB", acknowledgedBy: "ops.jane"),
            AlertSeed.Alert("website-search-http", "Closed", "Ok", Now.AddDays(-3), "web02 \u2192 search01:9200", "Shopping Website \u2192 Search", recoveredAt: Now.AddDays(-3).AddMinutes(90)));
        return alerts.Select(a => a.Id).ToList();
    }

    [Theory]
    [InlineData(AlertStateFilter.All, new[] { 0, 1, 2, 3, 4 })]
    [InlineData(AlertStateFilter.Open, new[] { 0, 1, 2, 3 })]
    [InlineData(AlertStateFilter.Unacknowledged, new[] { 0, 1, 2 })]
    [InlineData(AlertStateFilter.Broken, new[] { 0, 1, 3 })]
    [InlineData(AlertStateFilter.Degraded, new[] { 2 })]
    [InlineData(AlertStateFilter.Closed, new[] { 4 })]
    public async Task PageAsync_StateFilter_OnlyThoseAlerts(AlertStateFilter state, int[] expected)
    {
        var ids = await SeedAsync();

        var page = await History.PageAsync(new AlertQuery(state, Sort: AlertSort.Since));

        Assert.Equal(expected.Select(i => ids[i]).Order(), page.Rows.Select(r => r.Id).Order());
        Assert.Equal(expected.Length, page.Total);
    }

    [Fact]
    public async Task PageAsync_FlowHostAndText_FilterTogether()
    {
        var ids = await SeedAsync();

        Assert.Equal([ids[3], ids[0]], (await History.PageAsync(new AlertQuery(FlowId: "website-shoppingdb-sql", Sort: AlertSort.Since))).Rows.Select(r => r.Id));
        // Any link naming the host, in any case.
        Assert.Equal([ids[4], ids[1]], (await History.PageAsync(new AlertQuery(Host: "SEARCH01", Sort: AlertSort.Since))).Rows.Select(r => r.Id));
        Assert.Equal([ids[0]], (await History.PageAsync(new AlertQuery(Host: "web02", FlowId: "website-shoppingdb-sql"))).Rows.Select(r => r.Id));
        // Text: edge, links, outcome, who acknowledged.
        Assert.Equal([ids[2]], (await History.PageAsync(new AlertQuery(Text: "certificate"))).Rows.Select(r => r.Id));
        Assert.Equal([ids[3]], (await History.PageAsync(new AlertQuery(Text: "Jane"))).Rows.Select(r => r.Id));
        Assert.Equal(0, (await History.PageAsync(new AlertQuery(Text: "nothing like this"))).Total);
    }

    [Theory]
    [InlineData(AlertSort.Since, false, new[] { 4, 2, 3, 0, 1 })]
    [InlineData(AlertSort.Since, true, new[] { 1, 0, 3, 2, 4 })]
    // Open ones last until now: 5 min, 30 min, 90 min (closed), 3 h, 2 days.
    [InlineData(AlertSort.Duration, false, new[] { 1, 0, 4, 3, 2 })]
    [InlineData(AlertSort.Duration, true, new[] { 2, 3, 4, 0, 1 })]
    [InlineData(AlertSort.Edge, false, new[] { 2, 4, 1, 3, 0 })]
    // Blamed: db01, search01, dc01, db02, search01 (ties newest first).
    [InlineData(AlertSort.BlamedHost, false, new[] { 0, 3, 2, 4, 1 })]
    [InlineData(AlertSort.BlamedHost, true, new[] { 4, 1, 2, 3, 0 })]
    // Open first (broken before degraded, newest first among equals), closed last.
    [InlineData(AlertSort.State, false, new[] { 3, 1, 0, 2, 4 })]
    [InlineData(AlertSort.State, true, new[] { 4, 2, 3, 1, 0 })]
    public async Task PageAsync_Sort_WholeListInThatOrder(AlertSort sort, bool descending, int[] expected)
    {
        var ids = await SeedAsync();

        var page = await History.PageAsync(new AlertQuery(Sort: sort, Descending: descending));

        Assert.Equal(expected.Select(i => ids[i]), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task PageAsync_SkipTake_OnePageAndTheTotal()
    {
        var ids = await SeedAsync();

        var page = await History.PageAsync(new AlertQuery(Sort: AlertSort.Since, Skip: 2, Take: 2));

        Assert.Equal(5, page.Total);
        Assert.Equal([ids[3], ids[0]], page.Rows.Select(r => r.Id));
    }

    /// <summary>Alerts stored before the blamed host was kept: a start fills it from their links, once.</summary>
    [Fact]
    public async Task LoadAlertStateAsync_AlertsWithoutSuspect_FilledFromTheirLinks()
    {
        var alerts = await AlertSeed.AddAsync(_factory.Services,
            AlertSeed.Alert("website-shoppingdb-sql", "Open", "Broken", Now.AddMinutes(-30), "web01 \u2192 db01:1433, web02 \u2192 db01:1433"),
            AlertSeed.Alert("website-search-http", "Open", "Broken", Now.AddMinutes(-5), "web01 \u2192 search01:9200, web02 \u2192 db01:1433"),
            AlertSeed.Alert("website-ldap", "Open", "Broken", Now.AddMinutes(-5)));
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
        {
            await db.Alerts.ExecuteUpdateAsync(u => u.SetProperty(a => a.Suspect, (string?)null));
        }

        await _factory.Services.LoadAlertStateAsync();

        var rows = (await History.PageAsync(new AlertQuery(Sort: AlertSort.BlamedHost))).Rows;
        // Blamed, then the links that share no host (""), then the alert that names no links: both blame no one.
        Assert.Equal([(alerts[0].Id, "db01"), (alerts[2].Id, (string?)null), (alerts[1].Id, "")], rows.Select(r => (r.Id, r.Suspect)));
    }

    public void Dispose() => _factory.Dispose();
}
