using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Databases;
using ShoppingConnectivity.TestSupport.Processes;
using Xunit.Abstractions;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// Central stopped as a service manager stops it (SIGTERM) while real agents report and a dashboard is open in a
/// browser: it ends on its own with exit code 0, and every batch an agent was told was stored is in the database.
/// The time from SIGTERM to exit is printed (docs/benchmarks.md, "Central stop (SIGTERM)"), not asserted.
/// </summary>
[Collection(nameof(ShutdownEndToEndTests))]
public sealed class ShutdownEndToEndTests(ITestOutputHelper output)
{
    private static readonly string[] Hosts = ["web01", "web02"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task SigTerm_AgentsReportingAndDashboardOpen_ExitsCleanlyWithEveryAcknowledgedBatchStored(string provider)
    {
        using var estate = new LoopbackEstate();
        var database = provider == "PostgreSql" ? "sc_stop_" + Guid.NewGuid().ToString("N")[..12] : null;
        var settings = new Dictionary<string, string>
        {
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
            // The hard cap far beyond the wait below: only the normal path can end central before the test kills it.
            ["Central__Shutdown__TimeoutSeconds"] = "50",
        };
        if (database is not null)
        {
            PostgresServer.Shared.CreateDatabase(database);
            settings["Central__Database__Provider"] = "PostgreSql";
            settings["ConnectionStrings__Central"] = PostgresServer.Shared.ConnectionString(database);
        }

        using var central = await Central.StartAsync(TwoWebHosts(estate.Json), settings: settings);
        List<StoredResult> Stored() => database is null
            ? StoredResults.Read(central.DatabasePath)
            : StoredResults.ReadPostgreSql(PostgresServer.Shared.ConnectionString(database));
        // The agents go through a proxy that records every answer they got: what central acknowledged.
        await using var proxy = await HoldingProxy.StartAsync(central.Url);
        var agents = Hosts.Select(h => central.StartAgent(h, centralUrl: proxy.Url)).ToList();
        try
        {
            await using var browser = await BrowserSession.LaunchAsync();
            var page = await browser.NewPageAsync(central);
            await BrowserSession.GotoInteractiveAsync(page, central.Url);
            await Assertions.Expect(page.Locator($"g.edge[data-flow='{LoopbackEstate.OpenFlow}']"))
                .ToHaveAttributeAsync("data-state", "Green", new() { Timeout = 60_000 });

            // Several batches acknowledged to each agent, and the stream still going when SIGTERM arrives.
            await Eventually.AssertAsync(() => Stored() is var stored && Hosts.All(h => stored.Count(r => r.AgentId == h) >= 6),
                Deadline, () => $"agents reporting.\nCentral output:\n{central.Process.Output}\n{AgentOutput(agents)}");

            // Killed (and failing) after 30 s: the stop must end on its own, well before the 50 s cap.
            var took = await central.StopAsync(TimeSpan.FromSeconds(30));
            var line = $"SIGTERM to exit ({provider}): {took.TotalSeconds:0.00} s";
            output.WriteLine(line);
            Console.WriteLine(line);
            var log = central.PreviousOutput;
            output.WriteLine(log[Math.Max(0, log.LastIndexOf("Application is shutting down", StringComparison.Ordinal) - 40)..]);
            Assert.Equal(0, central.Process.ExitCode);

            foreach (var agent in agents) agent.Kill();
            var stored = Stored();
            var acknowledged = proxy.Answers.Where(a => !a.Duplicate).ToList();
            Assert.NotEmpty(acknowledged);
            // Each batch an agent was told was stored is there with all its results.
            Assert.All(acknowledged, a => Assert.Equal(a.Accepted, stored.Count(r => r.BatchId == a.BatchId)));
            // And every result sent is either stored or still in its agent's outbox, to be sent again.
            var outboxes = Hosts.SelectMany(h => AgentOutbox.Read(central.AgentDataDirectory(h))).Select(r => (r.ProbeId, r.At)).ToHashSet();
            var kept = stored.Select(r => (r.BatchId, r.ProbeId, r.At)).ToHashSet();
            var lost = proxy.Sent.SelectMany(s => s.Batch.Results.Select(r => (s.Batch.BatchId, r.ProbeId, r.At)))
                .Where(r => !kept.Contains(r) && !outboxes.Contains((r.ProbeId, r.At))).ToList();
            Assert.True(lost.Count == 0, $"{lost.Count} results neither stored nor in an outbox: " + string.Join(", ", lost.Take(5).Select(r => $"{r.ProbeId}@{r.At:O}")));
        }
        finally
        {
            foreach (var agent in agents) agent.Dispose();
            if (database is not null) PostgresServer.Shared.DropDatabase(database);
        }
    }

    private static string AgentOutput(IEnumerable<TestProcess> agents) => string.Join("\n", agents.Select(a => $"{a.Name}:\n{a.Output}"));

    /// <summary>The loopback estate with a second web host of the same roles (a second agent with the same flows).</summary>
    private static string TwoWebHosts(string json)
    {
        var estate = JsonNode.Parse(json)!.AsObject();
        var hosts = estate["hosts"]!.AsArray();
        var second = hosts.Single(h => h!["name"]!.GetValue<string>() == "web01")!.DeepClone();
        second["name"] = "web02";
        hosts.Add(second);
        return estate.ToJsonString();
    }
}
