using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.History;

/// <summary>Raw results, transitions and rollups as stored, with a clock the tests move.</summary>
public sealed class HistoryStorageTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private const string SqlFlow = "website-shoppingdb-sql";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly CentralFactory _factory;
    private readonly HttpClient _client;
    private readonly EnrolmentResponse _agent;

    public HistoryStorageTests()
    {
        // The background jobs would run on their own schedule: keep them out of the way, the tests call them.
        _factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:History:RollupIntervalSeconds"] = "3600",
            ["Central:History:RetentionIntervalMinutes"] = "1440",
        }, clock: _clock);
        _client = _factory.SignIn();
        _agent = AgentApi.EnrolAsync(_client).GetAwaiter().GetResult();
    }

    private HistoryMaintenance Maintenance => _factory.Services.GetRequiredService<HistoryMaintenance>();

    [Fact]
    public async Task RollUp_ResultsOfTwoMinutes_CountsAndLatencyPerMinuteAndHour()
    {
        await PostAsync(R(ProbeOutcome.Reachable, 0, 10), R(ProbeOutcome.Reachable, 20, 30), R(ProbeOutcome.TimedOut, 70));
        _clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(3, await Maintenance.RollUpAsync());

        var minutes = await Db(db => db.MinuteRollups.Where(r => r.FlowId == SqlFlow).OrderBy(r => r.BucketStart).ToListAsync());
        Assert.Equal(2, minutes.Count);
        Assert.Equal((2L, 0L, 10.0, 30.0), (minutes[0].Reachable, minutes[0].TimedOut, minutes[0].LatencyMin!.Value, minutes[0].LatencyMax!.Value));
        Assert.Equal((0L, 1L), (minutes[1].Reachable, minutes[1].TimedOut));
        var hour = await Db(db => db.HourRollups.SingleAsync(r => r.FlowId == SqlFlow));
        Assert.Equal((2L, 1L, Start), (hour.Reachable, hour.TimedOut, hour.BucketStart));
        Assert.Equal(0, await Maintenance.RollUpAsync()); // nothing new: nothing counted twice
    }

    [Fact]
    public async Task RollUp_LateResultsFromAnOutbox_LandInTheBucketsOfTheirOwnTime()
    {
        await PostAsync(R(ProbeOutcome.Reachable, 0, 5));
        _clock.Advance(TimeSpan.FromHours(3));
        await Maintenance.RollUpAsync();

        // Central was reachable again after three hours; the agent's outbox delivers what it probed meanwhile.
        await PostAsync(R(ProbeOutcome.TimedOut, 60), R(ProbeOutcome.TimedOut, 61 * 60), R(ProbeOutcome.Reachable, 3 * 3600 - 30, 7));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, await Maintenance.RollUpAsync());

        var hours = await Db(db => db.HourRollups.Where(r => r.FlowId == SqlFlow).OrderBy(r => r.BucketStart).ToListAsync());
        Assert.Equal([Start, Start.AddHours(1), Start.AddHours(2)], hours.Select(h => h.BucketStart));
        Assert.Equal((1L, 1L), (hours[0].Reachable, hours[0].TimedOut));
        Assert.Equal((0L, 1L), (hours[1].Reachable, hours[1].TimedOut));
        Assert.Equal((1L, 0L), (hours[2].Reachable, hours[2].TimedOut));
        var minute = await Db(db => db.MinuteRollups.SingleAsync(r => r.FlowId == SqlFlow && r.BucketStart == Start.AddMinutes(1)));
        Assert.Equal(1, minute.TimedOut);
    }

    [Fact]
    public async Task RollUp_EveryResult_AlsoCountsInTheWholeEstatesBuckets()
    {
        const string AeProbe = "central-activeefficiency-http/ae01/80";
        await PostAsync(R(ProbeOutcome.Reachable, 0, 10), R(ProbeOutcome.TimedOut, 10),
            new ProbeResultDto(AeProbe, "central-activeefficiency-http", ProbeOutcome.Reachable, 30, "test", Start.AddSeconds(20)));
        _clock.Advance(TimeSpan.FromMinutes(2));
        await Maintenance.RollUpAsync();

        var estate = await Db(db => db.HourRollups.SingleAsync(r => r.FlowId == "*"));
        Assert.Equal((2L, 1L, 10.0, 30.0), (estate.Reachable, estate.TimedOut, estate.LatencyMin!.Value, estate.LatencyMax!.Value));
        using var doc = await GetJsonAsync($"/api/v1/history/trend?from={Iso(Start)}&to={Iso(Start.AddHours(6))}");
        Assert.Equal(3, doc.RootElement.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Retention_PastEachWindow_DeletesOnlyThatKindAndNeverUnrolledResults()
    {
        await PostAsync(R(ProbeOutcome.Reachable, 0, 5), R(ProbeOutcome.Refused, 60));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Maintenance.RollUpAsync();
        await PostAsync(R(ProbeOutcome.Reachable, 5 * 60, 5)); // received but not rolled up yet

        _clock.Advance(TimeSpan.FromHours(49));
        var deleted = await Maintenance.EnforceRetentionAsync();
        Assert.Equal(2, deleted["results"]);
        Assert.Equal(1, await Db(db => db.Results.CountAsync())); // the one never rolled up stays
        Assert.Equal(2, await Db(db => db.MinuteRollups.CountAsync(r => r.FlowId == SqlFlow)));
        Assert.Equal(2, await Db(db => db.MinuteRollups.CountAsync(r => r.FlowId == "*"))); // the whole estate's, beside each edge's

        await Maintenance.RollUpAsync();
        _clock.Advance(TimeSpan.FromDays(30));
        deleted = await Maintenance.EnforceRetentionAsync();
        Assert.Equal(1, deleted["results"]);
        Assert.Equal(6, deleted["minuteRollups"]); // 3 of the edge, 3 of the whole estate
        Assert.Equal(2, deleted["batchIds"]); // two batches posted, past their 7 days
        Assert.Equal(2, await Db(db => db.HourRollups.CountAsync()));
        Assert.Equal(3, await Db(db => db.Transitions.CountAsync())); // first result, Refused, Reachable again

        _clock.Advance(TimeSpan.FromDays(400));
        deleted = await Maintenance.EnforceRetentionAsync();
        Assert.Equal(2, deleted["hourRollups"]);
        Assert.Equal(3, deleted["transitions"]);
    }

    [Fact]
    public async Task Retention_TableEmptied_NewResultsGetIdsPastTheRollupCursor()
    {
        await PostAsync(R(ProbeOutcome.Reachable, 0, 5), R(ProbeOutcome.Reachable, 60, 5));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(2, await Maintenance.RollUpAsync());
        _clock.Advance(TimeSpan.FromHours(49));
        Assert.Equal(2, (await Maintenance.EnforceRetentionAsync())["results"]);
        Assert.Equal(0, await Db(db => db.Results.CountAsync()));

        // Plain rowids would start again at 1, behind the cursor, and these would never reach the trends.
        await PostAsync(R(ProbeOutcome.TimedOut, 49 * 3600 + 6 * 60));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Maintenance.RollUpAsync());
        Assert.Equal(3, await Db(db => db.Results.Select(r => r.Id).SingleAsync()));
    }

    [Fact]
    public async Task LastIdReceivedBefore_GroupsAnHourApart_FindsTheLastOneBeforeTheCutoff()
    {
        for (var hour = 0; hour < 5; hour++)
        {
            await PostAsync(R(ProbeOutcome.Reachable, hour * 3600, 5), R(ProbeOutcome.Reachable, hour * 3600 + 30, 5), R(ProbeOutcome.Reachable, hour * 3600 + 50, 5));
            _clock.Advance(TimeSpan.FromHours(1));
        }

        // Received at Start, Start + 1 h, ... Start + 4 h: three results each, ids 1 to 15.
        Assert.Equal(0, await Db(db => HistoryMaintenance.LastIdReceivedBeforeAsync(db, Start)));
        Assert.Equal(3, await Db(db => HistoryMaintenance.LastIdReceivedBeforeAsync(db, Start.AddMinutes(1))));
        Assert.Equal(9, await Db(db => HistoryMaintenance.LastIdReceivedBeforeAsync(db, Start.AddHours(2.5))));
        Assert.Equal(12, await Db(db => HistoryMaintenance.LastIdReceivedBeforeAsync(db, Start.AddHours(4))));
        Assert.Equal(15, await Db(db => HistoryMaintenance.LastIdReceivedBeforeAsync(db, Start.AddHours(9))));
    }

    [Fact]
    public async Task Transitions_OnlyOnChange_OutagesNameHostsOutcomeAndLength()
    {
        await PostAsync(R(ProbeOutcome.Reachable, 0, 5), R(ProbeOutcome.Reachable, 60, 5), R(ProbeOutcome.TimedOut, 120),
            R(ProbeOutcome.TimedOut, 180), R(ProbeOutcome.Reachable, 300, 5));

        var transitions = await Db(db => db.Transitions.OrderBy(t => t.At).ToListAsync());
        Assert.Equal([ProbeOutcome.Reachable, ProbeOutcome.TimedOut, ProbeOutcome.Reachable], transitions.Select(t => t.ToOutcome));
        Assert.Equal([null, ProbeOutcome.Reachable, ProbeOutcome.TimedOut], transitions.Select(t => t.FromOutcome));

        using var doc = await GetJsonAsync($"/api/v1/history/link-outages?flow={SqlFlow}&from={Iso(Start)}&to={Iso(Start.AddHours(1))}");
        var outage = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(Start.AddMinutes(2), outage.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(Start.AddMinutes(5), outage.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("web01", outage.GetProperty("sources")[0].GetString());
        Assert.Equal("db01:47101", outage.GetProperty("targets")[0].GetString());
        Assert.Equal("TimedOut", outage.GetProperty("outcomes")[0].GetString());
    }

    [Fact]
    public async Task Trend_Api_GivesUptimeAndP95AndCsvOfTheSamePoints()
    {
        await PostEachAsync(R(ProbeOutcome.Reachable, 0, 10), R(ProbeOutcome.Reachable, 60, 20), R(ProbeOutcome.TimedOut, 120), R(ProbeOutcome.Reachable, 180, 30));
        _clock.Advance(TimeSpan.FromMinutes(10));
        await Maintenance.RollUpAsync();
        await FlushEdgeHistoryAsync();

        using var doc = await GetJsonAsync($"/api/v1/history/trend?flow={SqlFlow}&from={Iso(Start)}&to={Iso(Start.AddHours(6))}");
        Assert.Equal(75.0, doc.RootElement.GetProperty("uptimePercent").GetDouble());
        Assert.Equal(4, doc.RootElement.GetProperty("total").GetInt64());
        Assert.InRange(doc.RootElement.GetProperty("latencyP95").GetDouble(), 20, 30);
        Assert.Single(doc.RootElement.GetProperty("outages").EnumerateArray());

        var csv = await _client.GetStringAsync($"/api/v1/history/trend.csv?flow={SqlFlow}&from={Iso(Start)}&to={Iso(Start.AddHours(6))}");
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("start_utc,flow,probes,reachable,uptime_percent", lines[0], StringComparison.Ordinal);
        Assert.Equal(doc.RootElement.GetProperty("points").GetArrayLength(), lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("2026-11-20T12:00:00Z,website-shoppingdb-sql,", StringComparison.Ordinal));
        // The port probed (db01's own 47101, not the catalogue's 1433), last so scripts reading by position keep working.
        Assert.EndsWith(",ports", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",47101", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Availability_Month_ComparesEachFlowWithTheTarget()
    {
        await PostEachAsync(Enumerable.Range(0, 10).Select(i => R(i == 3 ? ProbeOutcome.Refused : ProbeOutcome.Reachable, i * 60, 5)).ToArray());
        _clock.Advance(TimeSpan.FromMinutes(15));
        await Maintenance.RollUpAsync();
        await FlushEdgeHistoryAsync();

        using var doc = await GetJsonAsync("/api/v1/history/availability?month=2026-11&target=99");
        var sql = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("flowId").GetString() == SqlFlow);
        Assert.Equal(90.0, sql.GetProperty("uptimePercent").GetDouble());
        Assert.False(sql.GetProperty("met").GetBoolean());
        Assert.Equal(1, sql.GetProperty("outages").GetInt32());
        var unprobed = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("flowId").GetString() == "website-dc-ldap");
        Assert.Equal(JsonValueKind.Null, unprobed.GetProperty("uptimePercent").ValueKind);

        var csv = await _client.GetStringAsync("/api/v1/history/availability.csv?month=2026-11&target=99");
        Assert.Contains("website-shoppingdb-sql,2026-11-01,2026-12-01,10,1,90,99,no,1,", csv, StringComparison.Ordinal);
        Assert.EndsWith(",ports", csv.Split('\n')[0], StringComparison.Ordinal);
        Assert.EndsWith(",47101", csv.Split('\n').Single(l => l.StartsWith("website-shoppingdb-sql,", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AtAPastMoment_ShowsTheEdgeAsItWasThen()
    {
        await PostEachAsync(R(ProbeOutcome.Reachable, 0, 5), R(ProbeOutcome.TimedOut, 60), R(ProbeOutcome.TimedOut, 120), R(ProbeOutcome.Reachable, 180, 5));
        await FlushEdgeHistoryAsync();

        Assert.Equal("Red", await ReplayColourAsync(Start.AddSeconds(130)));
        Assert.Equal("Green", await ReplayColourAsync(Start.AddSeconds(30)));
        Assert.Equal("Green", await ReplayColourAsync(Start.AddSeconds(200)));
        Assert.Equal("Grey", await ReplayColourAsync(Start.AddSeconds(-30))); // before the first result
    }

    [Fact]
    public async Task EdgeOutages_BrokenPeriod_WithWhenHowLongOutcomeAndTheFailingLinks()
    {
        await PostEachAsync(R(ProbeOutcome.Reachable, 0, 5), R(ProbeOutcome.TimedOut, 120), R(ProbeOutcome.TimedOut, 180), R(ProbeOutcome.Reachable, 300, 5));
        await FlushEdgeHistoryAsync();

        using var doc = await GetJsonAsync($"/api/v1/history/outages?flow={SqlFlow}&from={Iso(Start)}&to={Iso(Start.AddHours(1))}");
        var outage = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal("Red", outage.GetProperty("colour").GetString());
        Assert.Equal(Start.AddMinutes(2), outage.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(Start.AddMinutes(5), outage.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("TimedOut", outage.GetProperty("outcomes")[0].GetString());
        Assert.Equal("web01 \u2192 db01:47101 TimedOut", outage.GetProperty("failingLinks")[0].GetString());
        var stored = await Db(db => db.EdgeTransitions.Where(t => t.FlowId == SqlFlow).OrderBy(t => t.Id).Select(t => t.ToColour).ToListAsync());
        Assert.Equal([Core.Edges.EdgeColour.Green, Core.Edges.EdgeColour.Red, Core.Edges.EdgeColour.Green], stored.SkipWhile(c => c == Core.Edges.EdgeColour.Grey));
    }

    [Theory]
    [InlineData("/api/v1/history/trend?flow=nope", "flow: unknown flow 'nope'")]
    [InlineData("/api/v1/history/trend?from=yesterday", "from: 'yesterday' is not a date and time")]
    [InlineData("/api/v1/history/trend?from=2026-11-20T00:00:00Z&to=2026-11-19T00:00:00Z", "from: 2026-11-20T00:00:00.0000000+00:00 is not before to")]
    [InlineData("/api/v1/history/trend?from=2024-01-01T00:00:00Z&to=2026-11-19T00:00:00Z", "at most 400")]
    [InlineData("/api/v1/history/availability?month=11-2026", "month: '11-2026' is not a month as yyyy-MM")]
    [InlineData("/api/v1/history/availability?target=120", "target: 120 is not a percentage")]
    [InlineData("/api/v1/history/replay?at=later", "at: 'later' is not a date and time")]
    public async Task History_BadParameters_400NamingTheParameter(string url, string expected)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private async Task<string?> ReplayColourAsync(DateTimeOffset at)
    {
        using var doc = await GetJsonAsync($"/api/v1/history/replay?at={Iso(at)}");
        return doc.RootElement.GetProperty("edges").EnumerateArray()
            .Single(e => e.GetProperty("flowId").GetString() == SqlFlow).GetProperty("colour").GetString();
    }

    private async Task<JsonDocument> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    private static ProbeResultDto R(ProbeOutcome outcome, int seconds, double? latency = null) =>
        new(SqlProbe, SqlFlow, outcome, outcome == ProbeOutcome.Reachable ? latency : null, "test", Start.AddSeconds(seconds));

    /// <summary>
    /// As an agent reports: each result a moment after it was taken, the clock moving with them, and the live state
    /// re-evaluated after each (as the freshness job or an open dashboard does every few seconds).
    /// </summary>
    private async Task PostEachAsync(params ProbeResultDto[] results)
    {
        foreach (var r in results)
        {
            if (r.At.AddSeconds(1) > _clock.GetUtcNow()) _clock.SetUtcNow(r.At.AddSeconds(1));
            await PostAsync(r);
            _factory.Services.GetRequiredService<ShoppingConnectivity.Central.Live.LiveState>().Refresh();
        }
    }

    private Task FlushEdgeHistoryAsync() => _factory.Services.GetRequiredService<EdgeHistoryWriter>().FlushAsync();

    private async Task PostAsync(params ProbeResultDto[] results)
    {
        var response = await AgentApi.PostResultsAsync(_client, _agent, new ResultBatch(Guid.NewGuid(), results));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<T> Db<T>(Func<CentralDbContext, Task<T>> query)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await query(db);
    }
}
