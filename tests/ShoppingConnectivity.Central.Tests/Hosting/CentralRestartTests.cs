using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Hosting;

/// <summary>
/// Central stopped for ten minutes in the middle of an outage and started again on the same data, on the test's
/// clock: what it shows and records must be as if it had never stopped.
/// </summary>
public sealed class CentralRestartTests : IDisposable
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 14, 18, 0, TimeSpan.Zero));
    private readonly List<CentralFactory> _started = [];

    private CentralFactory Start()
    {
        var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Alerts:EvaluateSeconds"] = "3600",
            ["Central:Alerts:DeliverySeconds"] = "3600",
            ["Central:Alerts:GroupingSeconds"] = "0",
            ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
        }, CentralFactory.EstateJson, _clock, _directory);
        _started.Add(factory);
        return factory;
    }

    /// <summary>Results of the SQL probe at <paramref name="times"/>, in one batch, as the agent's outbox sends them.</summary>
    private static async Task PostAsync(HttpClient client, EnrolmentResponse agent, ProbeOutcome outcome, params DateTimeOffset[] times)
    {
        var batch = new ResultBatch(Guid.NewGuid(), times.Select(t => AgentApi.Result(Probe, outcome, t)).ToList());
        (await AgentApi.PostResultsAsync(client, agent, batch)).EnsureSuccessStatusCode();
    }

    private static async Task<List<string>> EdgeColoursStoredAsync(CentralFactory factory)
    {
        await factory.Services.GetRequiredService<EdgeHistoryWriter>().FlushAsync();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        var rows = await db.EdgeTransitions.AsNoTracking().Where(t => t.FlowId == Flow).OrderBy(t => t.Id).ToListAsync();
        return rows.Select(t => $"{t.ToColour} {t.At:HH:mm:ss}").ToList();
    }

    [Fact]
    public async Task Restart_DuringAnOutage_SameColoursSameOutageAndNoAlertEvents()
    {
        var brokeAt = _clock.GetUtcNow();
        EnrolmentResponse web01;
        long alertId;
        List<string> events;
        using (var first = Start())
        {
            var client = first.CreateClient();
            web01 = await AgentApi.EnrolAsync(client, "web01", ["Website"]);
            _clock.Advance(TimeSpan.FromMinutes(2));
            await PostAsync(client, web01, ProbeOutcome.TimedOut, brokeAt, brokeAt.AddMinutes(1), brokeAt.AddMinutes(2));
            Assert.Equal(EdgeColour.Red, first.Services.GetRequiredService<LiveState>().Edges.Single(e => e.FlowId == Flow).Colour);
            await first.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
            var opened = Assert.Single(await first.Services.GetRequiredService<AlertHistory>().ListAsync());
            (alertId, events) = (opened.Id, opened.Events.Select(e => e.Kind).ToList());
            Assert.Equal(["Opened", "NoticeQueued"], events);
            // No data until the agent's first report (at start), then red from the first failed run.
            Assert.Equal(["Grey 14:18:00", "Red 14:18:00"], await EdgeColoursStoredAsync(first));
        }

        // Central is away for ten minutes (three probe intervals of 60 s are three minutes), then starts again.
        _clock.Advance(TimeSpan.FromMinutes(10));
        using var second = Start();
        var secondClient = second.CreateClient();
        var live = second.Services.GetRequiredService<LiveState>();

        // The first read after the start, before any agent found central again: red since the outage began, not grey.
        var edge = live.Edges.Single(e => e.FlowId == Flow);
        Assert.Equal((EdgeColour.Red, brokeAt), (edge.Colour, edge.LastChange));
        var quiet = await second.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        Assert.Empty(quiet.Events);

        // The agent's outbox delivers what it probed meanwhile, and it goes on failing.
        _clock.Advance(TimeSpan.FromSeconds(20));
        var now = _clock.GetUtcNow();
        await PostAsync(secondClient, web01, ProbeOutcome.TimedOut, [.. Enumerable.Range(3, 10).Select(i => brokeAt.AddMinutes(i)), now]);
        var after = await second.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();

        Assert.Empty(after.Events);
        Assert.Empty(after.Notices);
        var alert = Assert.Single(await second.Services.GetRequiredService<AlertHistory>().ListAsync());
        Assert.Equal((alertId, "Open"), (alert.Id, alert.State));
        Assert.Equal(events, alert.Events.Select(e => e.Kind)); // no "no data", no "held", no "broken again"
        Assert.Equal(["Grey 14:18:00", "Red 14:18:00"], await EdgeColoursStoredAsync(second));
        var outage = Assert.Single(await second.Services.GetRequiredService<HistoryQueries>().EdgePeriodsAsync(Flow, brokeAt.AddHours(-1), now));
        Assert.Equal((EdgeColour.Red, brokeAt, (DateTimeOffset?)null), (outage.Colour, outage.Start, outage.End));
        Assert.Equal(brokeAt, live.Edges.Single(e => e.FlowId == Flow).LastChange);
    }

    [Fact]
    public async Task Restart_AgentReallySilentAfterTheStart_GreyThreeIntervalsAfterCentralListens()
    {
        var lastWord = _clock.GetUtcNow();
        using (var first = Start())
        {
            var client = first.CreateClient();
            var web01 = await AgentApi.EnrolAsync(client, "web01", ["Website"]);
            await PostAsync(client, web01, ProbeOutcome.Reachable, lastWord);
            Assert.Equal(EdgeColour.Green, first.Services.GetRequiredService<LiveState>().Edges.Single(e => e.FlowId == Flow).Colour);
        }

        _clock.Advance(TimeSpan.FromHours(1));
        using var second = Start();
        second.CreateClient();
        var live = second.Services.GetRequiredService<LiveState>();
        Assert.Equal(_clock.GetUtcNow(), live.Thresholds.ListeningSince);

        _clock.Advance(TimeSpan.FromSeconds(180));
        live.Refresh();
        Assert.Equal(EdgeColour.Green, live.Edges.Single(e => e.FlowId == Flow).Colour);
        _clock.Advance(TimeSpan.FromSeconds(1));
        live.Refresh();
        var edge = live.Edges.Single(e => e.FlowId == Flow);
        Assert.Equal(EdgeColour.Grey, edge.Colour);
        Assert.Equal(1, edge.StaleLinks);
    }

    public void Dispose()
    {
        foreach (var factory in _started) factory.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
