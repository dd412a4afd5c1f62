using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Estates;

namespace ShoppingConnectivity.Central.Tests.Estates;

/// <summary>
/// Exports of a 200-client estate (a firewall script of about 1 MB) asked for over and over, and at once: each is
/// generated once per estate version (counted by central's own instrument), kept with its version as ETag, and the
/// requests served at once are capped. The meter and instrument names are spelled out: they are what a metrics tool
/// is set up with.
/// </summary>
public sealed class EstateExportCacheTests : IDisposable
{
    private const string Meter = "ShoppingConnectivity.Central.Estates";
    private const string GeneratedInstrument = "sc.estate.exports.generated";
    private static readonly string Estate = FullEstate.Json("Export estate", FullEstate.ClientNames(200));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<CentralFactory> _factories = [];

    [Fact]
    public async Task FirewallScript_ManyViewersAtOnce_IsGeneratedOnceAndServedToAll()
    {
        var factory = Start();
        using var generated = Generations(factory);
        var viewers = new List<HttpClient>();
        for (var i = 0; i < 8; i++) viewers.Add(await factory.SignInAsync(userName: $"viewer{i}"));

        // The attack of issue 15: every Viewer asks for the script of the whole estate at the same moment.
        var scripts = await Task.WhenAll(viewers.Select(v => v.GetStringAsync("/api/v1/estate/firewall.ps1")));

        Assert.Equal(1, Count(generated, "FirewallPowerShell"));
        Assert.Single(scripts.Distinct(StringComparer.Ordinal));
        Assert.Contains("if (Test-ShoppingHost 'pc00199')", scripts[0], StringComparison.Ordinal);
        foreach (var v in viewers) v.Dispose();
    }

    [Fact]
    public async Task Exports_AskedAgain_AreServedFromTheCache()
    {
        var factory = Start();
        using var generated = Generations(factory);
        using var client = await factory.SignInAsync();
        string[] urls = ["/api/v1/estate/firewall.ps1", "/api/v1/estate/firewall.csv", "/api/v1/estate/export?format=json", "/api/v1/estate/export?format=yaml"];

        var first = await Task.WhenAll(urls.Select(client.GetStringAsync));
        var second = await Task.WhenAll(urls.Select(client.GetStringAsync));

        Assert.Equal(first, second);
        Assert.Equal(
            [("EstateJson", 1L), ("EstateYaml", 1L), ("FirewallCsv", 1L), ("FirewallPowerShell", 1L)],
            generated.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["kind"]!).Select(g => (g.Key, g.Sum(m => m.Value))).OrderBy(g => g.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_IfNoneMatchWithItsETag_Answers304WithoutABody()
    {
        var factory = Start();
        using var generated = Generations(factory);
        using var client = await factory.SignInAsync();
        using var first = await client.GetAsync("/api/v1/estate/firewall.csv");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.StartsWith("\"v1-", etag.Tag, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/estate/firewall.csv");
        again.Headers.IfNoneMatch.Add(etag);
        using var response = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.True(first.Headers.CacheControl is { NoCache: true, Private: true }, $"Cache-Control: {first.Headers.CacheControl}");
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, Count(generated, "FirewallCsv"));
    }

    [Fact]
    public async Task Export_EstateChanged_GivesANewETagNewContentAndDropsTheOldFile()
    {
        var factory = Start();
        using var generated = Generations(factory);
        using var client = await factory.SignInAsync();
        using var before = await client.GetAsync("/api/v1/estate/firewall.ps1");
        var oldEtag = before.Headers.ETag!;
        Assert.DoesNotContain("pc00200", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await factory.Services.GetRequiredService<EstateStore>()
            .ImportAsync(FullEstate.Json("Export estate", FullEstate.ClientNames(201)), "estate.json", "test");
        Assert.True(saved.Succeeded, saved.Message);
        using var changed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/estate/firewall.ps1");
        changed.Headers.IfNoneMatch.Add(oldEtag);
        using var after = await client.SendAsync(changed);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(oldEtag, after.Headers.ETag);
        Assert.StartsWith("\"v2-", after.Headers.ETag!.Tag, StringComparison.Ordinal);
        Assert.Equal("firewall-rules-export-estate-v2.ps1", after.Content.Headers.ContentDisposition?.FileNameStar ?? after.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("if (Test-ShoppingHost 'pc00200')", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, Count(generated, "FirewallPowerShell"));
        // Only the version in force is kept.
        Assert.Equal(["v2-firewall-rules.ps1"], Directory.GetFiles(Path.Combine(factory.Directory, "data", "exports")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Export_OverTheCap_Answers503WithRetryAfterNamingTheSetting()
    {
        var factory = Start(new Dictionary<string, string?> { ["Central:Exports:MaxConcurrent"] = "1" });
        using var client = await factory.SignInAsync();
        using var other = await factory.SignInAsync(userName: "other-viewer");

        // A download in progress: its body (about 1 MB) is not read, so the answer is still being sent.
        var slow = await client.GetAsync("/api/v1/estate/firewall.ps1", HttpCompletionOption.ResponseHeadersRead);
        using var refused = await other.GetAsync("/api/v1/estate/firewall.csv");

        Assert.Equal(HttpStatusCode.OK, slow.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Central serves at most 1 exports at once (Central:Exports:MaxConcurrent)", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The place is given back once the download ends.
        slow.Dispose();
        await Eventually.AssertAsync(async () =>
        {
            using var response = await other.GetAsync("/api/v1/estate/firewall.csv");
            return response.StatusCode == HttpStatusCode.OK;
        }, Patience, () => "the cap was not released after the first download ended");
    }

    [Fact]
    public void Start_WithBadExportSettings_FailsNamingEveryKey()
    {
        var factory = Start(new Dictionary<string, string?>
        {
            ["Central:Exports:MaxConcurrent"] = "0",
            ["Central:Exports:RetryAfterSeconds"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Exports:MaxConcurrent must be between 1 and 1000 (is 0).", error.Message);
        Assert.Contains("Central:Exports:RetryAfterSeconds must be between 1 and 3600 (is 0).", error.Message);
    }

    private CentralFactory Start(IDictionary<string, string?>? settings = null)
    {
        var factory = new CentralFactory(settings, Estate);
        _factories.Add(factory);
        return factory;
    }

    private static MetricCollector<long> Generations(CentralFactory factory) =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), Meter, GeneratedInstrument);

    private static long Count(MetricCollector<long> generated, string kind) =>
        generated.GetMeasurementSnapshot().Where(m => Equals(m.Tags["kind"], kind)).Sum(m => m.Value);

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
    }
}
