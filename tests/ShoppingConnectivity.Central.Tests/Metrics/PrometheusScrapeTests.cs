using System.Globalization;
using System.Text.Json;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Central.Tests.Metrics;

/// <summary>
/// Debian's Prometheus server scrapes a real central over loopback with the bearer token from a file, as an ops team
/// would configure it, and the test asks Prometheus (PromQL over its HTTP API), not the text of /metrics.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const string Prometheus = "/usr/bin/prometheus";
    private const string Token = "prometheus-scrape-token-0123456789";
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Prometheus_ScrapingCentralWithTheToken_AnswersEdgeQueries()
    {
        Assert.True(File.Exists(Prometheus), $"{Prometheus} is missing: run tests/install-prerequisites.sh (package prometheus).");
        var directory = Directory.CreateTempSubdirectory("sc-prometheus-").FullName;
        try
        {
            var centralPort = LoopbackPorts.Free();
            using var factory = new CentralFactory(new Dictionary<string, string?>
            {
                ["Central:Metrics:ScrapeToken"] = Token,
                // A channel whose endpoint never answers, so the dashboard's chat and webhook series exist.
                ["Central:Alerts:Channels:ops:Kind"] = "Webhook",
                ["Central:Alerts:Channels:ops:Url"] = "http://127.0.0.1:9/hook",
                ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{centralPort}",
            });
            factory.UseKestrel();
            factory.StartServer();
            using var central = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{centralPort}") };
            var web = await AgentApi.EnrolAsync(central);
            using (var posted = await AgentApi.PostResultsAsync(central, web, new ResultBatch(Guid.NewGuid(),
                       [AgentApi.Result(SqlProbe, ProbeOutcome.Reachable), AgentApi.Result("central-activeefficiency-http/ae01/80", ProbeOutcome.Refused)])))
            {
                posted.EnsureSuccessStatusCode();
            }

            var tokenFile = Path.Combine(directory, "token");
            await File.WriteAllTextAsync(tokenFile, Token + "\n");
            var wrongTokenFile = Path.Combine(directory, "wrong-token");
            await File.WriteAllTextAsync(wrongTokenFile, "not-the-token-0123456789");
            var config = Path.Combine(directory, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: central
                    authorization:
                      type: Bearer
                      credentials_file: {tokenFile}
                    static_configs:
                      - targets: ['127.0.0.1:{centralPort}']
                  - job_name: central-wrong-token
                    authorization:
                      type: Bearer
                      credentials_file: {wrongTokenFile}
                    static_configs:
                      - targets: ['127.0.0.1:{centralPort}']
                """);
            var prometheusPort = LoopbackPorts.Free();
            using var prometheus = ProgramProcess.StartFile(Prometheus, directory,
            [
                $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{prometheusPort}", "--log.level=warn",
            ], new Dictionary<string, string>());
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{prometheusPort}") };

            var reachable = await QueryUntilAsync(api, "sc_edge_links{flow=\"website-shoppingdb-sql\",outcome=\"Reachable\"}", prometheus);
            var refused = await QueryUntilAsync(api, "sc_edge_links{flow=\"central-activeefficiency-http\",outcome=\"Refused\"}", prometheus);
            var red = await QueryUntilAsync(api, "sc_edge_status{flow=\"central-activeefficiency-http\",status=\"Red\"}", prometheus);
            var agentUp = await QueryUntilAsync(api, "sc_agent_up{host=\"web01\"}", prometheus);
            var stored = await QueryUntilAsync(api, "sc_ingestion_results_total", prometheus);
            var commits = await QueryUntilAsync(api, "sum(sc_ingestion_stage_duration_seconds_count{stage=\"commit\"})", prometheus);
            var up = await QueryUntilAsync(api, "up{job=\"central\"}", prometheus);
            var refusedScrape = await QueryUntilAsync(api, "up{job=\"central-wrong-token\"}", prometheus);

            Assert.Equal(1, reachable);
            Assert.Equal(1, refused);
            Assert.Equal(1, red);
            Assert.Equal(1, agentUp);
            Assert.Equal(2, stored);
            Assert.True(commits >= 1, $"commit latency count {commits}");
            Assert.Equal(1, up);
            Assert.Equal(0, refusedScrape);
            var targets = await api.GetStringAsync("/api/v1/targets");
            Assert.Contains("401", targets);
            await AssertDashboardQueriesAnswerAsync(api);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// Every query of docs/grafana-dashboard.json is valid PromQL for this Prometheus, and every central series it
    /// names (sc_*) exists: the shipped dashboard cannot draw empty panels because of a renamed metric.
    /// </summary>
    private static async Task AssertDashboardQueriesAnswerAsync(HttpClient api)
    {
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root(), "docs", "grafana-dashboard.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(queries.Count >= 10, $"only {queries.Count} queries in the dashboard");
        using var names = JsonDocument.Parse(await api.GetStringAsync("/api/v1/label/__name__/values"));
        var known = names.RootElement.GetProperty("data").EnumerateArray().Select(n => n.GetString()!).ToHashSet(StringComparer.Ordinal);
        foreach (var query in queries)
        {
            using var answer = await api.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
            Assert.True(answer.IsSuccessStatusCode, $"{query}: {await answer.Content.ReadAsStringAsync()}");
            foreach (var name in System.Text.RegularExpressions.Regex.Matches(query, @"\bsc_[a-z_]+").Select(m => m.Value))
            {
                Assert.True(known.Contains(name), $"the dashboard's {query} names {name}, which central does not serve: {string.Join(", ", known.Where(k => k.StartsWith("sc_", StringComparison.Ordinal)))}");
            }
        }
    }

    /// <summary>The query's single value once Prometheus has one (its first scrapes take a second or two).</summary>
    private static async Task<double> QueryUntilAsync(HttpClient api, string query, TestProcess prometheus)
    {
        double? value = null;
        string last = "";
        await Eventually.AssertAsync(async () =>
        {
            Assert.False(prometheus.HasExited, $"prometheus exited: {prometheus.Output}");
            try
            {
                last = await api.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
                return false;
            }

            var result = JsonDocument.Parse(last).RootElement.GetProperty("data").GetProperty("result");
            if (result.GetArrayLength() != 1) return false;
            value = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            return true;
        }, Patience, () => $"Prometheus has no single answer to {query}: {last}\n{prometheus.Output}");
        return value!.Value;
    }
}
