using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// The alerts page as a working list with 10,000 alerts (issue 18, point 1), in Debian's chromium against a real central:
/// the first page, the next page, a sort and a filter come from the database a page at a time, and a row opens its
/// alert. The times are written to the output and to TestResults/benchmarks/alerts-list.txt (docs/benchmarks.md).
/// </summary>
public sealed class AlertsListBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const int AlertCount = 10_000;
    private const string Flow = "website-shoppingdb-sql";
    private readonly List<string> _figures = [];

    [Fact]
    public async Task AlertsPage_TenThousandAlerts_PagesSortsFiltersAndOpensAnAlert()
    {
        using var central = await Central.StartAsync("""
            { "name": "Alerts list lab", "hosts": [ { "name": "web01", "roles": ["Website"] }, { "name": "sql01", "roles": ["ShoppingDb"] } ] }
            """, probeIntervalSeconds: 600, settings: new Dictionary<string, string> { ["Central__Alerts__EvaluateSeconds"] = "3600" });
        var seeding = Stopwatch.StartNew();
        await SeedAsync(central.DatabasePath, AlertCount);
        Record($"seeded {AlertCount:N0} alerts, each with a mail: {seeding.ElapsedMilliseconds} ms");
        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(central, 1600, 1000);
        var rows = page.Locator(".alerts-row");
        var pager = page.Locator("div[role='toolbar'].alerts-pager");
        // Warm-up: the first visit pays for the circuit and the JIT, as after a deploy; the figures are for a warm central.
        await BrowserSession.GotoInteractiveAsync(page, $"{central.Url}/alerts");
        await Assertions.Expect(rows).ToHaveCountAsync(25, new() { Timeout = 60_000 });

        var first = Stopwatch.StartNew();
        await page.GotoAsync($"{central.Url}/alerts");
        await BrowserSession.WaitForCircuitAsync(page);
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        await Assertions.Expect(pager).ToContainTextAsync($"1-25 of {AlertCount:N0}");
        Record($"first render (navigation to 25 rows of {AlertCount:N0} shown, interactive): {first.ElapsedMilliseconds} ms");
        // Open first, newest first: the newest open alert heads the list.
        var newest = await rows.First.Locator(".alerts-edge").InnerTextAsync();

        var next = Stopwatch.StartNew();
        await pager.Locator("button[aria-label='Next page']").ClickAsync();
        await Assertions.Expect(pager).ToContainTextAsync($"26-50 of {AlertCount:N0}");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        Record($"page change (next page shown): {next.ElapsedMilliseconds} ms");
        Assert.NotEqual(newest, await rows.First.Locator(".alerts-edge").InnerTextAsync());

        var sort = Stopwatch.StartNew();
        await page.Locator(".alerts-sort-duration").ClickAsync();
        // Shortest first: alert 9,999 broke a minute ago and is still open.
        await Assertions.Expect(rows.First.Locator(".alerts-edge")).ToHaveTextAsync("Alert lab edge 09999");
        Record($"sort by duration (whole list, first row shown): {sort.ElapsedMilliseconds} ms");

        var filter = Stopwatch.StartNew();
        await page.Locator(".alerts-filter-host input").FillAsync("web07");
        await Assertions.Expect(pager).ToContainTextAsync($"of {AlertCount / 10:N0}");
        Record($"filter by host (300 ms debounce included, {AlertCount / 10:N0} of {AlertCount:N0} match): {filter.ElapsedMilliseconds} ms");
        await BrowserSession.SaveScreenshotAsync(page, "alerts-list-10000.png", fullPage: false);
        // The page stays one screen high: 25 compact rows, not a card per alert.
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Record($"page height with 25 rows at 1600x1000: {height} px");
        Assert.True(height < 2000, $"the alerts page is {height} px high");

        // Ticking a row only ticks it; a click elsewhere on the row opens its alert.
        await rows.Nth(1).Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(page.Locator(".alerts-selected")).ToContainTextAsync("1 selected");
        Assert.EndsWith("/alerts", page.Url, StringComparison.Ordinal);
        var edge = await rows.First.Locator(".alerts-edge").InnerTextAsync();
        await rows.First.Locator(".alerts-duration").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/alerts/[0-9]+$"));
        await Assertions.Expect(page.Locator("#alert-title")).ToHaveTextAsync(edge);
        // The edge's own link opens it as well.
        await page.GoBackAsync();
        await BrowserSession.WaitForCircuitAsync(page);
        await rows.First.Locator(".alerts-edge a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/alerts/[0-9]+$"));
        await Assertions.Expect(page.Locator("#alert-title")).ToBeVisibleAsync();
        WriteFigures();
    }

    private void Record(string figure)
    {
        _figures.Add(figure);
        output.WriteLine(figure);
    }

    private void WriteFigures()
    {
        var folder = Path.Combine(Repository.Root(), "TestResults", "benchmarks");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "alerts-list.txt"), [$"{DateTimeOffset.UtcNow:u} alerts list, {AlertCount:N0} alerts", .. _figures]);
    }

    /// <summary>
    /// <paramref name="count"/> alerts straight into central's database, one minute apart (the last broke a minute
    /// ago), every third closed after 30 minutes, from web00..web09, each with its "broken" mail sent.
    /// </summary>
    private static async Task SeedAsync(string database, int count)
    {
        var now = DateTimeOffset.UtcNow;
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var alert = connection.CreateCommand();
        alert.CommandText = """
            INSERT INTO Alerts (Id, Key, FlowId, Edge, State, Condition, OpenedAt, Since, RecoveredAt, ClosedAt, Outcome, Hosts, Suspect, Flapping, LastNoticeAt)
            VALUES ($id, $key, $flow, $edge, $state, $condition, $since, $since, $recovered, $recovered, 'TimedOut', $hosts, 'sql01', 0, $since)
            """;
        await using var message = connection.CreateCommand();
        message.CommandText = """
            INSERT INTO AlertMessages (Id, CreatedAt, Kinds, Recipients, Subject, TextBody, HtmlBody, Status, Attempts, NextAttemptAt, LastAttemptAt, SentAt, ServerResponse)
            VALUES ($id, $since, 'Broken', 'ops@lab.example', $edge, 'broken', '<p>broken</p>', 'Sent', 1, $since, $since, $since, '250 OK');
            INSERT INTO AlertMessageAlerts (MessageId, AlertId, Kind) VALUES ($id, $id, 'Broken');
            """;
        foreach (var command in new[] { alert, message })
        {
            command.Transaction = transaction;
            foreach (var name in new[] { "$id", "$key", "$flow", "$edge", "$state", "$condition", "$since", "$recovered", "$hosts" })
                command.Parameters.Add(new SqliteParameter(name, null));
        }

        for (var i = 0; i < count; i++)
        {
            var since = now.AddMinutes(i - count).UtcTicks;
            var closed = i % 3 == 2;
            var values = new Dictionary<string, object>
            {
                ["$id"] = i + 1L,
                ["$key"] = $"{Flow}@{since}",
                ["$flow"] = Flow,
                ["$edge"] = $"Alert lab edge {i.ToString("D5", CultureInfo.InvariantCulture)}",
                ["$state"] = closed ? "Closed" : "Open",
                ["$condition"] = closed ? "Ok" : "Broken",
                ["$since"] = since,
                ["$recovered"] = closed ? since + TimeSpan.FromMinutes(30).Ticks : DBNull.Value,
                ["$hosts"] = $"web0{i % 10} \u2192 sql01:1433",
            };
            foreach (var command in new[] { alert, message })
            {
                foreach (SqliteParameter parameter in command.Parameters) parameter.Value = values[parameter.ParameterName];
                await command.ExecuteNonQueryAsync();
            }
        }

        await transaction.CommitAsync();
    }

    public void Dispose() => SqliteConnection.ClearAllPools();
}
