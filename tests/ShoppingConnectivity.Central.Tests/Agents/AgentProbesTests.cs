using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>
/// Results of a probe an estate change took out of the agent's plan: its outbox still holds them. They are taken for
/// <see cref="RetiredProbes.Window"/> after the change (as history), after a restart of central too, and refused after.
/// </summary>
public sealed class AgentProbesTests : IDisposable
{
    private const string OldSqlProbe = "website-shoppingdb-sql/db01/47101";
    private const string NewSqlProbe = "website-shoppingdb-sql/db01/47102";
    private static readonly string MovedSqlEstate = CentralFactory.EstateJson.Replace("47101", "47102", StringComparison.Ordinal);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public AgentProbesTests() => _factory = new CentralFactory(clock: _clock);

    [Fact]
    public async Task Results_OfAProbeTheEstateJustRemoved_StoredAsHistoryOnly()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, agent, OldSqlProbe)).StatusCode);

        await ChangeEstateAsync(_factory, MovedSqlEstate);
        var response = await PostAsync(client, agent, OldSqlProbe, NewSqlProbe);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, await CountAsync(db => db.Results.CountAsync(r => r.ProbeId == OldSqlProbe)));
        Assert.Equal(1, await CountAsync(db => db.Results.CountAsync(r => r.ProbeId == NewSqlProbe)));
        // History only: the old probe feeds no live link any more.
        await TestSupport.Eventually.AssertAsync(async () => await CountAsync(db => db.Links.CountAsync(l => l.ProbeId == OldSqlProbe)) == 0,
            TimeSpan.FromSeconds(10), () => "the old probe's link is still stored");
    }

    [Fact]
    public async Task Results_OfAProbeRemovedLongerAgoThanTheWindow_Returns400AndStoresNothing()
    {
        using var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        await ChangeEstateAsync(_factory, MovedSqlEstate);

        _clock.Advance(RetiredProbes.Window - TimeSpan.FromMinutes(1));
        var inside = await PostAsync(client, agent, OldSqlProbe);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var after = await PostAsync(client, agent, OldSqlProbe, NewSqlProbe);

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
        using var problem = JsonDocument.Parse(await after.Content.ReadAsStringAsync());
        Assert.Equal(
            ["results[0].probeId: 'website-shoppingdb-sql/db01/47101' is not in agent web01's plan, nor in a plan it had in the last 30 days."],
            problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, await CountAsync(db => db.Results.CountAsync()));
        Assert.Equal(1, await CountAsync(db => db.Batches.CountAsync()));
    }

    [Fact]
    public async Task Results_OfAProbeRemovedBeforeARestart_StillStored()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));
        try
        {
            EnrolmentResponse agent;
            using (var first = new CentralFactory(clock: _clock, directory: directory))
            {
                using var client = first.CreateClient();
                agent = await AgentApi.EnrolAsync(client);
                await ChangeEstateAsync(first, MovedSqlEstate);
            }

            _clock.Advance(TimeSpan.FromDays(3));
            // No estate file this time: central starts on the versions it stored.
            using var restarted = new CentralFactory(estateJson: null, clock: _clock, directory: directory);
            using var again = restarted.CreateClient();

            var response = await PostAsync(again, agent, OldSqlProbe);

            Assert.Equal(2, restarted.Services.GetRequiredService<EstateStore>().State.Version);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private Task<HttpResponseMessage> PostAsync(HttpClient client, EnrolmentResponse agent, params string[] probeIds) =>
        AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(),
            probeIds.Select(p => AgentApi.Result(p, ProbeOutcome.Reachable, _clock.GetUtcNow())).ToList()));

    private static async Task ChangeEstateAsync(CentralFactory factory, string json)
    {
        var saved = await factory.Services.GetRequiredService<EstateStore>().ImportAsync(json, "estate.json", "test");
        Assert.True(saved.Succeeded, saved.Message);
    }

    private async Task<int> CountAsync(Func<CentralDbContext, Task<int>> query)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public void Dispose() => _factory.Dispose();
}
