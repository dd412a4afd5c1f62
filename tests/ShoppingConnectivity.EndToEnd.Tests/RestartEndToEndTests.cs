using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Central stopped with SIGTERM in the middle of an outage and started again on the same data, as an upgrade does,
/// with a real agent reporting throughout and a dashboard open in Debian's chromium: nothing that people see or that
/// is recorded may show the restart.
/// </summary>
public sealed class RestartEndToEndTests(ITestOutputHelper output)
{
    /// <summary>Probes every 5 s, silent after 3 intervals: central stays down longer than that.</summary>
    private const int ProbeIntervalSeconds = 5;

    private static readonly TimeSpan Down = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task Restart_DuringAnOutage_NoFalseAlarmSameOutageRightColoursAtFirstRender()
    {
        using var estate = new LoopbackEstate();
        // A generous probe timeout: on a loaded CI box a 500 ms HTTP probe can time out, which is not what this test is about.
        using var central = await Central.StartAsync(estate.Json, probeIntervalSeconds: ProbeIntervalSeconds, probeTimeoutMs: 3000, settings: new Dictionary<string, string>
        {
            ["Central__Alerts__GroupingSeconds"] = "0",
            ["Central__Alerts__EvaluateSeconds"] = "1",
            ["Central__Alerts__Recipients__Default__0"] = "ops@lab.example",
        });
        using var agent = central.StartAgent("web01");
        await central.WaitForEdgesAsync(e => Colour(e, LoopbackEstate.OpenFlow) == "Green" && Colour(e, LoopbackEstate.ClosedFlow) == "Red",
            TimeSpan.FromSeconds(60), agent);

        // The SQL flow is broken: its alert opens.
        Alert? before = null;
        await Eventually.AssertAsync(async () => (before = await AlertAsync(central.DatabasePath)) is { } a && a.Events.Contains("Opened"),
            TimeSpan.FromSeconds(60), () => "no alert opened:\n" + central.Process.Output);
        Assert.NotNull(before);
        var outagesBefore = await OutagesAsync(central);
        var closed = Assert.Single(outagesBefore, o => o.Flow == LoopbackEstate.ClosedFlow);

        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.NewPageAsync(central);
        await BrowserSession.GotoInteractiveAsync(page, central.Url + "/");

        var stoppedAt = DateTime.UtcNow;
        var stop = await central.StopAsync();
        var figure = $"SIGTERM at {stoppedAt:HH:mm:ss.fff} UTC; to exit: {stop.TotalSeconds:0.00} s (agent reporting, a dashboard open)";
        output.WriteLine(figure);
        Console.WriteLine(figure);
        Assert.Equal(0, central.Process.ExitCode);

        // The open dashboard says central is away, in words, over the last picture.
        var banner = page.Locator("#components-reconnect-modal .central-away-text");
        await Assertions.Expect(banner).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(banner).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^Central is not answering since \d{2}:\d{2}:\d{2} - reconnecting \(attempt \d+\)$"));
        Assert.Equal("Red", await page.Locator($"g.edge[data-flow='{LoopbackEstate.ClosedFlow}']").GetAttributeAsync("data-state"));
        output.WriteLine("banner while central is down: " + await banner.TextContentAsync());

        // Down for longer than a link may stay silent (3 x 5 s); the agent keeps probing into its outbox.
        await Task.Delay(Down);
        await central.StartAgainAsync();
        output.WriteLine($"central answering again at {DateTime.UtcNow:HH:mm:ss.fff} UTC");

        // The first render after the start: the colours of before, from the stored state, before any agent is heard.
        var first = await browser.NewPageAsync(central);
        await first.GotoAsync(central.Url + "/");
        Assert.Equal("Red", await first.Locator($"g.edge[data-flow='{LoopbackEstate.ClosedFlow}']").GetAttributeAsync("data-state"));
        Assert.Equal("Green", await first.Locator($"g.edge[data-flow='{LoopbackEstate.OpenFlow}']").GetAttributeAsync("data-state"));
        await BrowserSession.SaveScreenshotAsync(first, "restart-first-render.png");

        // For the next 30 s (past the silence limit, while the agent's retries find central again) no edge goes grey.
        var seen = new List<string>();
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            var edges = await central.EdgesAsync();
            seen.Add($"{Colour(edges, LoopbackEstate.OpenFlow)}/{Colour(edges, LoopbackEstate.ClosedFlow)}");
            await Task.Delay(250);
        }

        // The dashboard that was open reloaded by itself and shows the same picture.
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.ClosedFlow}']")).ToHaveAttributeAsync("data-state", "Red");
        Assert.True(seen.All(s => !s.Contains("Grey", StringComparison.Ordinal) && s.EndsWith("/Red", StringComparison.Ordinal)), "edges after the start: " + string.Join(", ", seen.Distinct()) + "\n" + central.Process.Output);

        // The record: the same alert with no "no data" / "held" / "broken again", the same single outage, same start.
        var after = await AlertAsync(central.DatabasePath);
        Assert.NotNull(after);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal("Open", after.State);
        var record = await AlertRecordAsync(central.DatabasePath);
        Assert.True(!after.Events.Any(e => e is "NoData" or "BrokenAgain" or "Recovered"), "events after the restart:\n" + record);
        Assert.True(before.Events.SequenceEqual(after.Events), record);
        var outagesAfter = await OutagesAsync(central);
        Assert.Equal(closed, Assert.Single(outagesAfter, o => o.Flow == LoopbackEstate.ClosedFlow));
        // The Central Service's SQL flow too: one outage each, still open.
        Assert.Equal(SqlOutages(outagesBefore), SqlOutages(outagesAfter));
        Assert.False(agent.HasExited, agent.Output);
    }

    private static List<Outage> SqlOutages(List<Outage> outages) => outages.Where(o => o.Flow.EndsWith("-shoppingdb-sql", StringComparison.Ordinal)).ToList();

    private static string? Colour(Dictionary<string, JsonElement> edges, string flow) => edges[flow].GetProperty("colour").GetString();

    private sealed record Alert(long Id, string State, List<string> Events);

    private sealed record Outage(string Flow, string Colour, string Start, string? End);

    /// <summary>The one alert of the broken SQL flow with its events' kinds in order; null while there is none.</summary>
    private static async Task<Alert?> AlertAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var alerts = connection.CreateCommand();
        alerts.CommandText = "SELECT Id, State FROM Alerts WHERE FlowId = $flow";
        alerts.Parameters.AddWithValue("$flow", LoopbackEstate.ClosedFlow);
        long id;
        string state;
        await using (var reader = await alerts.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync()) return null;
            (id, state) = (reader.GetInt64(0), reader.GetString(1));
            if (await reader.ReadAsync()) Assert.Fail("more than one alert:\n" + await DumpAsync(connection));
        }

        await using var events = connection.CreateCommand();
        events.CommandText = "SELECT Kind FROM AlertEvents WHERE AlertId = $id ORDER BY Id";
        events.Parameters.AddWithValue("$id", id);
        var kinds = new List<string>();
        await using (var reader = await events.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) kinds.Add(reader.GetString(0));
        }

        return new Alert(id, state, kinds);
    }

    private static async Task<string> AlertRecordAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        return await DumpAsync(connection);
    }

    /// <summary>Every alert event with its alert, for failure messages.</summary>
    private static async Task<string> DumpAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT a.Id, a.FlowId, a.State, strftime('%H:%M:%f', (e.At - 621355968000000000) / 10000000.0, 'unixepoch'), e.Kind, e.Text FROM Alerts a JOIN AlertEvents e ON e.AlertId = a.Id ORDER BY e.Id";
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        return string.Join("\n", lines);
    }

    /// <summary>Every red or amber period of the last hour, as the history API gives them.</summary>
    private static async Task<List<Outage>> OutagesAsync(Central central)
    {
        var from = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        using var doc = JsonDocument.Parse(await central.Http.GetStringAsync($"/api/v1/history/outages?from={from}&to={to}"));
        return doc.RootElement.EnumerateArray().Select(p => new Outage(
            p.GetProperty("flowId").GetString()!,
            p.GetProperty("colour").ToString(),
            p.GetProperty("start").GetString()!,
            p.GetProperty("end").ValueKind == JsonValueKind.Null ? null : p.GetProperty("end").GetString())).ToList();
    }
}
