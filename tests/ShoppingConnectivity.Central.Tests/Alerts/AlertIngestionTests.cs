using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Tests.Alerts;

public sealed class AlertIngestionTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddMinutes(-10);

    // The jobs stay out of the way: these tests look at what ingestion records.
    private readonly CentralFactory _factory = new(new Dictionary<string, string?> { ["Central:Alerts:EvaluateSeconds"] = "3600" });

    [Fact]
    public async Task Ingest_LateResultFromTheOutbox_IsCountedAtItsPlaceInTime()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var streaks = _factory.Services.GetRequiredService<LinkStreaks>();

        await Post(client, agent, (ProbeOutcome.TimedOut, 0), (ProbeOutcome.TimedOut, 1), (ProbeOutcome.TimedOut, 3));
        Assert.Equal(LinkHealth.Broken, streaks.Get("web01", SqlProbe).Health);

        // The good run of minute 2 arrives late, in a batch of its own: in time order there were never three failures in a row.
        await Post(client, agent, (ProbeOutcome.Reachable, 2));

        var link = await WithDbAsync(db => db.Links.SingleAsync(l => l.ProbeId == SqlProbe));
        var streak = LinkStreakWindow.Parse(link.Streak).Current(new AlertRule(3, 2, 0));
        Assert.Equal(LinkHealth.Healthy, streak.Health);
        Assert.Equal(1, streak.FailedInARow);
        Assert.Null(streak.ChangedAt);
        Assert.Equal(ProbeOutcome.TimedOut, link.Outcome); // the live link keeps the newest outcome
        // Healthy and never changed health: it counts as a link with no streak, so the evaluation holds none for it.
        Assert.Same(LinkStreak.New, streaks.Get("web01", SqlProbe));
        Assert.False(streaks.AnyIn("website-shoppingdb-sql"));
    }

    [Fact]
    public async Task Restart_KeepsTheStreaksCounted()
    {
        using (var client = _factory.CreateClient())
        {
            var agent = await AgentApi.EnrolAsync(client);
            await Post(client, agent, (ProbeOutcome.TimedOut, 0), (ProbeOutcome.TimedOut, 1), (ProbeOutcome.TimedOut, 2));
        }

        // A second central on the same data folder: the streaks come back from the links' rows.
        using var again = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:DataDirectory"] = Path.Combine(_factory.Directory, "data"),
            ["Central:Alerts:EvaluateSeconds"] = "3600",
        });
        _ = again.CreateClient();

        Assert.Equal(LinkHealth.Broken, again.Services.GetRequiredService<LinkStreaks>().Get("web01", SqlProbe).Health);
    }

    [Fact]
    public void Start_WithBadAlertSettings_FailsListingEveryKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Alerts:BrokenAfter"] = "0",
            ["Central:Alerts:Flows:no-such-flow:BrokenAfter"] = "2",
            ["Central:Alerts:Recipients:Default:0"] = "not-an-address",
            ["Central:Alerts:RetryMaxSeconds"] = "1",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Alerts:BrokenAfter must be between 1 and 1000 runs (is 0).", error.Message);
        Assert.Contains("Central:Alerts:Flows:no-such-flow: unknown flow 'no-such-flow'", error.Message);
        Assert.Contains("Central:Alerts:Recipients:Default:0: 'not-an-address' is not an email address.", error.Message);
        Assert.Contains("Central:Alerts:RetryMaxSeconds must be between Central:Alerts:RetryFirstSeconds (30) and 86400 (is 1).", error.Message);
    }

    [Fact]
    public void Start_WithRelativePublicUrl_FailsNamingTheKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?> { ["Central:PublicUrl"] = "central.contoso.example" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:PublicUrl must be an absolute http or https address (is 'central.contoso.example').", error.Message);
    }

    private static async Task Post(HttpClient client, EnrolmentResponse agent, params (ProbeOutcome Outcome, int Minute)[] runs)
    {
        var batch = new ResultBatch(Guid.NewGuid(), runs.Select(r => AgentApi.Result(SqlProbe, r.Outcome, T0.AddMinutes(r.Minute))).ToList());
        (await AgentApi.PostResultsAsync(client, agent, batch)).EnsureSuccessStatusCode();
    }

    private async Task<T> WithDbAsync<T>(Func<CentralDbContext, Task<T>> query)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public void Dispose() => _factory.Dispose();
}
