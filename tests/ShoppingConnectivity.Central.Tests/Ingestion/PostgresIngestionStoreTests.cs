using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Databases;

namespace ShoppingConnectivity.Central.Tests.Ingestion;

/// <summary>Two central nodes (in-process) writing to one PostgreSQL database through <see cref="PostgresIngestionStore"/>.</summary>
public sealed class PostgresIngestionStoreTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private readonly string _database = "sc_nodes_" + Guid.NewGuid().ToString("N")[..12];
    private readonly CentralFactory _nodeA;
    private readonly CentralFactory _nodeB;

    public PostgresIngestionStoreTests()
    {
        PostgresServer.Shared.CreateDatabase(_database);
        var settings = new Dictionary<string, string?>
        {
            ["Central:Database:Provider"] = "PostgreSql",
            ["ConnectionStrings:Central"] = PostgresServer.Shared.ConnectionString(_database),
            ["Central:Alerts:EvaluateSeconds"] = "3600",
        };
        _nodeA = new CentralFactory(settings);
        _ = _nodeA.Server; // migrated before the second node starts
        _nodeB = new CentralFactory(settings);
        _ = _nodeB.Server;
    }

    [Fact]
    public async Task Ingest_ResultsPostedToNodeA_ReachNodeBsLiveState()
    {
        using var clientA = _nodeA.CreateClient();
        var agent = await AgentApi.EnrolAsync(clientA);

        var batch = new ResultBatch(Guid.NewGuid(), [AgentApi.Result(SqlProbe, ProbeOutcome.Refused)]);
        (await AgentApi.PostResultsAsync(clientA, agent, batch)).EnsureSuccessStatusCode();

        var liveB = _nodeB.Services.GetRequiredService<LiveState>();
        await Eventually.HoldsAsync(() => liveB.AllLinks().Any(l => l.ProbeId == SqlProbe && l.Outcome == ProbeOutcome.Refused), TimeSpan.FromSeconds(10));
        var link = Assert.Single(liveB.AllLinks(), l => l.ProbeId == SqlProbe);
        Assert.Equal((ProbeOutcome.Refused, "web01"), (link.Outcome, link.AgentId));
        Assert.True(_nodeB.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PostgresLinkListener>().Single().Applied >= 1);
    }

    [Fact]
    public async Task Ingest_SameBatchToBothNodesAtOnce_StoredOnceAndTheOtherIsADuplicate()
    {
        using var clientA = _nodeA.CreateClient();
        using var clientB = _nodeB.CreateClient();
        var agent = await AgentApi.EnrolAsync(clientA);
        var at = DateTimeOffset.UtcNow;
        var batch = new ResultBatch(Guid.NewGuid(), Enumerable.Range(0, 50).Select(i => AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, at.AddSeconds(-i))).ToList());

        var answers = await Task.WhenAll(AgentApi.PostResultsAsync(clientA, agent, batch), AgentApi.PostResultsAsync(clientB, agent, batch));

        var accepted = new List<ResultBatchAccepted>();
        foreach (var answer in answers)
        {
            answer.EnsureSuccessStatusCode();
            accepted.Add((await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<ResultBatchAccepted>(answer.Content, ContractsJson.Options))!);
        }

        Assert.Equal([false, true], accepted.Select(a => a.Duplicate).Order());
        await using var db = await _nodeA.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        Assert.Equal(50, await db.Results.CountAsync(r => r.BatchId == batch.BatchId));
        Assert.Equal(1, await db.Batches.CountAsync(b => b.BatchId == batch.BatchId));
        Assert.Equal(at.UtcTicks, (await db.Links.SingleAsync(l => l.ProbeId == SqlProbe)).LastAt.UtcTicks);
    }

    [Fact]
    public async Task Ingest_LinkTheOtherNodeWroteSince_ReadFromTheDatabaseNotMemory()
    {
        using var clientA = _nodeA.CreateClient();
        using var clientB = _nodeB.CreateClient();
        var agent = await AgentApi.EnrolAsync(clientA);
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);

        // A writes the link, B changes it, A writes it again: A must start from B's row, not from what it committed.
        await PostAsync(clientA, AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, at));
        await PostAsync(clientB, AgentApi.Result(SqlProbe, ProbeOutcome.Refused, at.AddMinutes(1)));
        await PostAsync(clientA, AgentApi.Result(SqlProbe, ProbeOutcome.Refused, at.AddMinutes(2)));

        await using var db = await _nodeA.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        var link = await db.Links.SingleAsync(l => l.ProbeId == SqlProbe);
        Assert.Equal((ProbeOutcome.Refused, at.AddMinutes(1).UtcTicks), (link.Outcome, link.Since.UtcTicks));
        Assert.Equal(2, _nodeA.Services.GetRequiredService<IngestionWriter>().Statistics.LinksLookedUp);

        async Task PostAsync(HttpClient client, ProbeResultDto result) =>
            (await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), [result]))).EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        _nodeB.Dispose();
        _nodeA.Dispose();
        PostgresServer.Shared.DropDatabase(_database);
    }
}
