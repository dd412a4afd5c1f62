using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Central.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    private const string Token = "scrape-token-0123456789abcdef";
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";

    [Fact]
    public async Task Metrics_WithToken_ServesEdgesAgentsIngestionAndRuntime()
    {
        using var factory = Start(estateJson: ClientEstate);
        using var client = factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client);
        await AgentApi.EnrolAsync(client, "pc001", ["Client"]);
        using var posted = await AgentApi.PostResultsAsync(client, web, new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]));
        posted.EnsureSuccessStatusCode();

        // The agent's last contact is read from the database at most every RefreshSeconds: wait for the read after the post.
        var text = await ScrapeUntilAsync(client, t => t.Contains("host=\"web01\"} 1", StringComparison.Ordinal));

        Assert.Equal(1, Sample(text, "sc_edge_links", "flow=\"website-shoppingdb-sql\"", "outcome=\"Reachable\""));
        Assert.Equal(0, Sample(text, "sc_edge_links", "flow=\"website-shoppingdb-sql\"", "outcome=\"Refused\""));
        Assert.Equal(1, Sample(text, "sc_edge_status", "flow=\"website-shoppingdb-sql\"", "status=\"Green\""));
        Assert.Equal(0, Sample(text, "sc_edge_status", "flow=\"website-shoppingdb-sql\"", "status=\"Red\""));
        Assert.Equal(1, Sample(text, "sc_agent_up", "host=\"web01\""));
        Assert.Equal(1, Sample(text, "sc_agents", "status=\"Online\""));
        Assert.Equal(1, Sample(text, "sc_agents", "status=\"NeverSeen\""));
        Assert.Equal(1, Sample(text, "sc_ingestion_results_total"));
        Assert.Equal(0, Sample(text, "sc_ingestion_queue_results"));
        Assert.Equal(0, Sample(text, "sc_alerts_open", "flow=\"website-shoppingdb-sql\""));
        Assert.Equal(0, Sample(text, "sc_alert_mails", "state=\"held\""));
        Assert.True(Sample(text, "sc_ingestion_stage_duration_seconds_count", "stage=\"commit\"") >= 1, "no commit latency recorded");
        Assert.Contains("\nhttp_server_request_duration_seconds_bucket{", text);
        Assert.Contains("\ndotnet_gc_heap_total_allocated_bytes_total", text);
    }

    [Fact]
    public async Task Metrics_ChannelWithAFailingEndpoint_CountsItsWaitingMessages()
    {
        using var factory = Start(new()
        {
            ["Central:Alerts:Channels:ops:Kind"] = "Webhook",
            ["Central:Alerts:Channels:ops:Url"] = "http://127.0.0.1:9/hook",
            ["Central:Alerts:DeliverySeconds"] = "3600",
        });
        using var client = factory.CreateClient();
        var dbFactory = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ShoppingConnectivity.Central.Data.CentralDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            db.ChannelMessages.Add(new ShoppingConnectivity.Central.Alerts.Channels.ChannelMessageRecord
            {
                Channel = "ops", ChannelKind = "Webhook", Kinds = "Broken", AlertIds = "", Subject = "s", Payload = "{}",
                Status = ShoppingConnectivity.Central.Alerts.Channels.ChannelMessageRecord.Pending, Attempts = 2,
                CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1), LastError = "connection refused",
            });
            await db.SaveChangesAsync();
        }

        var text = await ScrapeAsync(client);

        Assert.Equal(1, Sample(text, "sc_alert_channel_messages", "channel=\"ops\"", "state=\"queued\""));
        Assert.Equal(1, Sample(text, "sc_alert_channel_messages", "channel=\"ops\"", "state=\"retrying\""));
        Assert.Equal(0, Sample(text, "sc_alert_channel_messages", "channel=\"ops\"", "state=\"held\""));
    }

    [Fact]
    public async Task Metrics_ClientAgents_CountedButNeverListed()
    {
        using var factory = Start(estateJson: ClientEstate);
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++) await AgentApi.EnrolAsync(client, $"pc{i:000}", ["Client"]);

        var text = await ScrapeAsync(client);

        Assert.Equal(5, Sample(text, "sc_agents", "status=\"NeverSeen\""));
        Assert.DoesNotContain("host=\"pc0", text);
        Assert.DoesNotContain("sc_link_up", text);
    }

    [Fact]
    public async Task Metrics_HostEnrolledAgainAfterRevocation_OneSeriesPerHost()
    {
        using var factory = Start();
        using var client = factory.CreateClient();
        var first = await AgentApi.EnrolAsync(client);
        using (var posted = await AgentApi.PostResultsAsync(client, first, new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)])))
            posted.EnsureSuccessStatusCode();
        Assert.True(await factory.Services.GetRequiredService<ShoppingConnectivity.Central.Agents.AgentDirectory>().RevokeAsync(first.AgentId, "test"));
        await AgentApi.EnrolAsync(client);

        var text = await ScrapeUntilAsync(client, t => t.Contains("status=\"Revoked\"} 1", StringComparison.Ordinal));

        var up = Assert.Single(text.Split('\n'), l => l.StartsWith("sc_agent_up{", StringComparison.Ordinal) && l.Contains("host=\"web01\"", StringComparison.Ordinal));
        Assert.EndsWith(" 0", up);
    }

    [Fact]
    public async Task Metrics_PerLinkSeriesOn_OneSeriesPerLinkUpToTheCap()
    {
        using var factory = Start(new() { ["Central:Metrics:PerLinkSeries"] = "true", ["Central:Metrics:MaxLinkSeries"] = "1" });
        using var client = factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client);
        using var posted = await AgentApi.PostResultsAsync(client, web, new ResultBatch(Guid.NewGuid(),
            [AgentApi.Result(SqlProbe, ProbeOutcome.Refused), AgentApi.Result("central-activeefficiency-http/ae01/80", ProbeOutcome.Reachable)]));
        posted.EnsureSuccessStatusCode();

        var text = await ScrapeAsync(client);

        var links = text.Split('\n').Where(l => l.StartsWith("sc_link_up{", StringComparison.Ordinal)).ToList();
        var link = Assert.Single(links);
        Assert.Contains("source=\"web01\"", link);
    }

    [Fact]
    public async Task Metrics_PerLinkSeriesPastOpenTelemetrysDefault_EveryLinkHasItsOwnSeries()
    {
        // OpenTelemetry keeps 2,000 series per instrument unless told otherwise, and folds the rest into one overflow series.
        const int databases = 2_100;
        var hosts = Enumerable.Range(0, databases).Select(i => $$"""{ "name": "db{{i:0000}}", "address": "127.0.0.1", "roles": ["ShoppingDb"] }""");
        var estate = $$"""{ "name": "Big", "hosts": [ { "name": "web01", "address": "127.0.0.1", "roles": ["Website"] }, {{string.Join(", ", hosts)}} ] }""";
        using var factory = Start(new() { ["Central:Metrics:PerLinkSeries"] = "true", ["Central:Metrics:MaxLinkSeries"] = "5000" }, estate);
        using var client = factory.CreateClient();
        var web = await AgentApi.EnrolAsync(client);
        foreach (var chunk in Enumerable.Range(0, databases).Chunk(500))
        {
            using var posted = await AgentApi.PostResultsAsync(client, web, new ResultBatch(Guid.NewGuid(),
                [.. chunk.Select(i => AgentApi.Result($"website-shoppingdb-sql/db{i:0000}/1433", ProbeOutcome.Reachable))]));
            posted.EnsureSuccessStatusCode();
        }

        var text = await ScrapeAsync(client);

        var links = text.Split('\n').Where(l => l.StartsWith("sc_link_up{", StringComparison.Ordinal)).ToList();
        Assert.Equal(databases, links.Count);
        Assert.Equal(databases, links.Count(l => l.Contains("flow=\"website-shoppingdb-sql\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal)));
        Assert.DoesNotContain("otel_metric_overflow", text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0123456789abcdef")]
    [InlineData("")]
    public async Task Metrics_WithoutTheToken_401ProblemAndNothingCollected(string? token)
    {
        using var factory = Start();
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Scrape token missing or wrong", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("sc_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_SignedInUserWithoutToken_401()
    {
        using var factory = Start();
        using var client = await factory.SignInAsync(CentralRoles.Admin);

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_NoTokenSet_404NamingTheSetting()
    {
        using var factory = new CentralFactory();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Central:Metrics:ScrapeToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_AllowAnonymous_ServedWithoutToken()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:Metrics:AllowAnonymous"] = "true" });
        using var client = factory.CreateClient();

        var text = await ScrapeAsync(client, token: null);

        Assert.Contains("sc_edge_status{", text);
    }

    [Fact]
    public async Task Metrics_Disabled_NoEndpoint()
    {
        using var factory = Start(new() { ["Central:Metrics:Enabled"] = "false" });
        using var client = factory.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Central:Metrics:Enabled is false", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_TwoCentralsInOneProcess_EachShowsOnlyItsOwn()
    {
        using var a = Start();
        using var b = Start();
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();
        var agent = await AgentApi.EnrolAsync(clientA);
        using var posted = await AgentApi.PostResultsAsync(clientA, agent, new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)]));
        posted.EnsureSuccessStatusCode();

        var textA = await ScrapeAsync(clientA);
        var textB = await ScrapeAsync(clientB);

        Assert.Equal(1, Sample(textA, "sc_ingestion_results_total"));
        Assert.Equal(0, Sample(textB, "sc_ingestion_results_total"));
    }

    private const string ClientEstate = """
        {
          "name": "Clients",
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "db01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": 47101 } },
            { "name": "pc000", "address": "127.0.0.1", "roles": ["Client"] },
            { "name": "pc001", "address": "127.0.0.1", "roles": ["Client"] },
            { "name": "pc002", "address": "127.0.0.1", "roles": ["Client"] },
            { "name": "pc003", "address": "127.0.0.1", "roles": ["Client"] },
            { "name": "pc004", "address": "127.0.0.1", "roles": ["Client"] }
          ]
        }
        """;

    private static CentralFactory Start(Dictionary<string, string?>? extra = null, string estateJson = CentralFactory.EstateJson)
    {
        var settings = new Dictionary<string, string?> { ["Central:Metrics:ScrapeToken"] = Token, ["Central:Metrics:RefreshSeconds"] = "1" };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return new CentralFactory(settings, estateJson);
    }

    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string, bool> done)
    {
        var text = "";
        await Eventually.AssertAsync(async () =>
        {
            text = await ScrapeAsync(client);
            return done(text);
        }, TimeSpan.FromSeconds(15), () => text);
        return text;
    }

    private static async Task<string> ScrapeAsync(HttpClient client, string? token = Token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels hold every one of <paramref name="labels"/>; fails when there is none.</summary>
    private static double Sample(string text, string name, params string[] labels)
    {
        var lines = text.Split('\n')
            .Where(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
                        && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .ToList();
        Assert.True(lines.Count > 0, $"no sample {name} {string.Join(",", labels)} in:\n{text}");
        return lines.Sum(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture));
    }
}
