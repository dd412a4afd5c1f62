using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;

namespace ShoppingConnectivity.Central.Tests.Ingestion;

/// <summary>
/// The batching writer against a real SQLite file. To put several batches into one group, a test holds the
/// database's write lock from a connection of its own (as another writer would): the writer takes the first batch and
/// waits for the lock; what arrives meanwhile queues up and becomes the next group.
/// </summary>
public sealed class IngestionWriterTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private const string AeProbe = "central-activeefficiency-http/ae01/80";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly List<CentralFactory> _factories = [];

    private CentralFactory Start(Dictionary<string, string?>? settings = null, int busyTimeoutSeconds = 30, TimeProvider? clock = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sc-ingestion-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var all = new Dictionary<string, string?>
        {
            // "Default Timeout": how long a statement waits for another connection's write lock before SQLITE_BUSY.
            ["ConnectionStrings:Central"] = $"Data Source={Path.Combine(directory, "central.db")};Default Timeout={busyTimeoutSeconds}",
            ["Central:History:RollupIntervalSeconds"] = "3600",
            ["Central:Alerts:EvaluateSeconds"] = "3600",
            // The held write lock makes the groups in these tests; a small group waiting for more would join them.
            ["Central:Ingestion:MaxGroupWaitMilliseconds"] = "0",
        };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        var factory = new CentralFactory(all, clock: clock);
        _factories.Add(factory);
        _ = factory.CreateClient();
        return factory;
    }

    private static string DatabasePath(CentralFactory factory) =>
        new SqliteConnectionStringBuilder(factory.Services.GetRequiredService<IConfiguration>().GetConnectionString("Central")).DataSource;

    private static IngestionWriter Writer(CentralFactory factory) => factory.Services.GetRequiredService<IngestionWriter>();

    private static AgentRecord Agent(string id = "web01") => new() { Id = id, HostName = id, TokenHash = "" };

    private static ResultBatch Batch(params ProbeResultDto[] results) => new(Guid.NewGuid(), results);

    [Fact]
    public async Task Post_WhileAnotherWriterHoldsTheLock_AnsweredOnlyAfterItsCommit()
    {
        var factory = Start();
        using var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);

        Task<HttpResponseMessage> posting;
        using (var writeLock = WriteLock.Take(DatabasePath(factory)))
        {
            posting = AgentApi.PostResultsAsync(client, agent, Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)));
            await WaitUntilAsync(() => Writer(factory).QueuedResults == 1 && Writer(factory).QueuedBatches == 0); // taken by the writer

            // The writer holds the batch but cannot commit: the agent must not have its answer yet.
            await Task.Delay(500);
            Assert.False(posting.IsCompleted, "the agent was answered before its batch was committed");
            Assert.Equal(0, Count(factory, "Results"));
        }

        using var response = await posting.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, Count(factory, "Results"));
        Assert.Equal(1, Count(factory, "Batches"));
    }

    [Fact]
    public async Task Group_Written_EachStageTimedInTheMetrics()
    {
        var factory = Start();
        using var stages = new MetricCollector<double>(factory.Services.GetRequiredService<IMeterFactory>(), IngestionMetrics.MeterName, IngestionMetrics.StageDuration);

        var outcome = await Writer(factory).SubmitAsync(Agent(), Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable))).WaitAsync(Patience);

        Assert.Equal(IngestionStatus.Stored, outcome.Status);
        var recorded = stages.GetMeasurementSnapshot();
        Assert.Equal(["begin", "claim", "load links", "links and streaks", "insert results", "transitions, links, agents", "commit", "live state"],
            recorded.Select(m => (string)m.Tags["stage"]!));
        Assert.All(recorded, m => Assert.InRange(m.Value, 0, Patience.TotalSeconds));
    }

    [Fact]
    public async Task Group_LinkThisWriterCommitted_TakenFromMemoryNotReadAgain()
    {
        var factory = Start();
        var writer = Writer(factory);
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);

        await writer.SubmitAsync(Agent(), Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, at))).WaitAsync(Patience);
        await writer.SubmitAsync(Agent(), Batch(AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, at.AddMinutes(1)))).WaitAsync(Patience);
        await writer.SubmitAsync(Agent(), Batch(AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, at.AddMinutes(2)))).WaitAsync(Patience);

        // Read once, for the first group; the later groups start from what the writer committed.
        Assert.Equal(1, writer.Statistics.LinksLookedUp);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        var link = await db.Links.SingleAsync();
        Assert.Equal((ProbeOutcome.TimedOut, at.AddMinutes(1).UtcTicks, at.AddMinutes(2).UtcTicks), (link.Outcome, link.Since.UtcTicks, link.LastAt.UtcTicks));
        Assert.Equal([null, ProbeOutcome.Reachable], await db.Transitions.OrderBy(t => t.At).Select(t => t.FromOutcome).ToListAsync());
        Assert.Equal(3, Core.Alerts.LinkStreakWindow.Parse(link.Streak).Recent.Count);
    }

    [Fact]
    public async Task Group_LinkPrunedFromTheLiveState_ReadFromTheDatabaseAgain()
    {
        var factory = Start();
        var writer = Writer(factory);
        await writer.SubmitAsync(Agent(), Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable))).WaitAsync(Patience);

        // What PlanChanges does when a probe leaves the plan: out of the live state, then its row deleted.
        factory.Services.GetRequiredService<LiveState>().Prune(_ => false);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
            await db.Links.ExecuteDeleteAsync();
        await writer.SubmitAsync(Agent(), Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Refused, DateTimeOffset.UtcNow.AddSeconds(1)))).WaitAsync(Patience);

        Assert.Equal(2, writer.Statistics.LinksLookedUp);
        await using var after = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        // A link of its own again: its first result is a transition from nothing, its streak starts afresh.
        Assert.Equal(2, await after.Transitions.CountAsync(t => t.FromOutcome == null));
        Assert.Single(Core.Alerts.LinkStreakWindow.Parse((await after.Links.SingleAsync()).Streak).Recent);
    }

    [Fact]
    public async Task Group_SameBatchTwiceInOneGroupAndAgainLater_StoredOnce()
    {
        var factory = Start();
        var writer = Writer(factory);
        var twice = Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable), AgentApi.Result(AeProbe, ProbeOutcome.Refused));
        var other = Batch(AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, DateTimeOffset.UtcNow.AddSeconds(1)));

        Task<IngestionOutcome>[] group;
        using (WriteLock.Take(DatabasePath(factory)))
        {
            var first = writer.SubmitAsync(Agent(), Batch(AgentApi.Result(AeProbe, ProbeOutcome.Refused, DateTimeOffset.UtcNow.AddSeconds(-5))));
            await WaitUntilAsync(() => writer.QueuedBatches == 0);
            group = [first, writer.SubmitAsync(Agent(), twice), writer.SubmitAsync(Agent(), twice), writer.SubmitAsync(Agent(), other)];
            await WaitUntilAsync(() => writer.QueuedBatches == 3);
        }

        var outcomes = await Task.WhenAll(group).WaitAsync(Patience);
        Assert.All(outcomes, o => Assert.Equal(IngestionStatus.Stored, o.Status));
        Assert.Equal(3, writer.Statistics.LastGroupBatches); // twice, twice, other: one group
        Assert.Equal(2, writer.Statistics.Groups);
        Assert.Equal((2, false), (outcomes[1].Accepted!.Accepted, outcomes[1].Accepted!.Duplicate));
        Assert.Equal((0, true), (outcomes[2].Accepted!.Accepted, outcomes[2].Accepted!.Duplicate));

        var later = await writer.SubmitAsync(Agent(), twice).WaitAsync(Patience);
        Assert.True(later.Accepted!.Duplicate);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.Results.CountAsync(r => r.BatchId == twice.BatchId)); // EF reads the ids the writer stored
        Assert.Equal(4, await db.Results.CountAsync());
        Assert.Equal(3, await db.Batches.CountAsync());
        Assert.Single(await db.Batches.Where(b => b.BatchId == twice.BatchId).ToListAsync());
        var sql = await db.Links.SingleAsync(l => l.ProbeId == SqlProbe);
        Assert.Equal(ProbeOutcome.TimedOut, sql.Outcome); // both batches of the group, in time order
        Assert.Equal(2, await db.Transitions.CountAsync(t => t.ProbeId == SqlProbe)); // first result, then Reachable -> TimedOut
    }

    [Fact]
    public async Task Group_SmallUnderAWait_TakesTheBatchesThatArriveBeforeTheWaitEnds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = Start(new() { ["Central:Ingestion:MaxGroupWaitMilliseconds"] = "100" }, clock: clock);
        var writer = Writer(factory);

        var first = writer.SubmitAsync(Agent(), Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, clock.GetUtcNow())));
        await WaitUntilAsync(() => writer.QueuedBatches == 0);
        var second = writer.SubmitAsync(Agent("db01"), Batch(AgentApi.Result(AeProbe, ProbeOutcome.Refused, clock.GetUtcNow())));
        await WaitUntilAsync(() => writer.QueuedBatches == 0); // taken into the waiting group
        clock.Advance(TimeSpan.FromMilliseconds(99));
        var answeredEarly = first.IsCompleted || second.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));

        var outcomes = await Task.WhenAll(first, second).WaitAsync(Patience);
        Assert.False(answeredEarly, "the group was written before its wait ended");
        Assert.All(outcomes, o => Assert.Equal(IngestionStatus.Stored, o.Status));
        Assert.Equal((1, 2), (writer.Statistics.Groups, writer.Statistics.LastGroupBatches));
    }

    [Fact]
    public async Task Group_OfWaitBelowResultsOrMore_WrittenWithoutWaiting()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = Start(new() { ["Central:Ingestion:MaxGroupWaitMilliseconds"] = "1000" }, clock: clock);
        var results = Enumerable.Range(0, IngestionWriter.WaitBelowResults)
            .Select(i => AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, clock.GetUtcNow().AddSeconds(-i))).ToArray();

        // The clock never moves: a group this large must not wait for it.
        var outcome = await Writer(factory).SubmitAsync(Agent(), Batch(results)).WaitAsync(Patience);

        Assert.Equal(IngestionStatus.Stored, outcome.Status);
        Assert.Equal(IngestionWriter.WaitBelowResults, outcome.Accepted!.Accepted);
    }

    [Fact]
    public async Task Group_OneBatchRefusedByTheDatabase_OnlyItFailsAndNothingOfItIsStored()
    {
        var factory = Start();
        var writer = Writer(factory);
        using (var connection = Open(DatabasePath(factory)))
        {
            // A real refusal from inside the database, for one batch only.
            Execute(connection, "CREATE TRIGGER poison BEFORE INSERT ON Results WHEN NEW.Detail = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned result'); END;");
        }

        var now = DateTimeOffset.UtcNow;
        var good = Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable, now.AddSeconds(-3)));
        var poisoned = Batch(
            AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, now.AddSeconds(-2)),
            AgentApi.Result(AeProbe, ProbeOutcome.Refused, now.AddSeconds(-2)) with { Detail = "poison" });
        var alsoGood = Batch(AgentApi.Result(AeProbe, ProbeOutcome.Reachable, now.AddSeconds(-1)));

        Task<IngestionOutcome>[] group;
        using (WriteLock.Take(DatabasePath(factory)))
        {
            var first = writer.SubmitAsync(Agent("db01"), Batch(new ProbeResultDto("shoppingdb-x/none/1", "website-shoppingdb-sql", ProbeOutcome.Reachable, 1, null, now)));
            await WaitUntilAsync(() => writer.QueuedBatches == 0);
            group = [first, writer.SubmitAsync(Agent(), good), writer.SubmitAsync(Agent(), poisoned), writer.SubmitAsync(Agent(), alsoGood)];
            await WaitUntilAsync(() => writer.QueuedBatches == 3);
        }

        var outcomes = await Task.WhenAll(group).WaitAsync(Patience);
        Assert.Equal(IngestionStatus.Stored, outcomes[1].Status);
        Assert.Equal(IngestionStatus.Failed, outcomes[2].Status);
        Assert.Contains("poisoned result", outcomes[2].Error);
        Assert.Equal(IngestionStatus.Stored, outcomes[3].Status);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Results.CountAsync(r => r.BatchId == poisoned.BatchId));
        Assert.Equal(0, await db.Batches.CountAsync(b => b.BatchId == poisoned.BatchId)); // so its resend is not taken for a duplicate
        var links = await db.Links.ToDictionaryAsync(l => l.ProbeId);
        Assert.Equal(ProbeOutcome.Reachable, links[SqlProbe].Outcome); // the poisoned TimedOut never reached the link
        Assert.Equal(ProbeOutcome.Reachable, links[AeProbe].Outcome);
        Assert.Equal(0, await db.Transitions.CountAsync(t => t.ToOutcome == ProbeOutcome.TimedOut || t.ToOutcome == ProbeOutcome.Refused));
    }

    [Fact]
    public async Task Post_WhileTheDatabaseStaysLocked_Answers503AndStoresNothingThenTheResendIsStored()
    {
        var factory = Start(busyTimeoutSeconds: 1);
        using var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var batch = Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable));

        using (WriteLock.Take(DatabasePath(factory)))
        {
            using var refused = await AgentApi.PostResultsAsync(client, agent, batch).WaitAsync(Patience);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "503 without Retry-After");
            Assert.Contains("cannot store results now", await refused.Content.ReadAsStringAsync());
            Assert.Equal(0, Count(factory, "Results"));
            Assert.Equal(0, Count(factory, "Batches"));
        }

        using var resent = await AgentApi.PostResultsAsync(client, agent, batch).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.False((await resent.Content.ReadFromJsonAsync<ResultBatchAccepted>(ContractsJson.Options))!.Duplicate);
        Assert.Equal(1, Count(factory, "Results"));
    }

    [Fact]
    public async Task Post_QueueFull_Answers503WithRetryAfterAndTheQueueDoesNotGrow()
    {
        var factory = Start(new() { ["Central:Ingestion:MaxQueuedResults"] = "2" });
        using var client = factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        var writer = Writer(factory);

        Task<HttpResponseMessage> waiting;
        var refusedBatch = Batch(AgentApi.Result(AeProbe, ProbeOutcome.Reachable));
        using (WriteLock.Take(DatabasePath(factory)))
        {
            waiting = AgentApi.PostResultsAsync(client, agent, Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable), AgentApi.Result(SqlProbe, ProbeOutcome.Reachable)));
            await WaitUntilAsync(() => writer.QueuedResults == 2);

            using var refused = await AgentApi.PostResultsAsync(client, agent, refusedBatch).WaitAsync(Patience);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "503 without Retry-After");
            Assert.Contains("busy", await refused.Content.ReadAsStringAsync());
            Assert.Equal(2, writer.QueuedResults);
            Assert.Equal(1, writer.Statistics.Rejected);
        }

        Assert.Equal(HttpStatusCode.OK, (await waiting.WaitAsync(Patience)).StatusCode);
        using var resent = await AgentApi.PostResultsAsync(client, agent, refusedBatch).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, resent.StatusCode);
        Assert.Equal(3, Count(factory, "Results"));
    }

    [Fact]
    public async Task Stopping_GroupInHandCommittedAndAnsweredQueuedAndLaterBatchesRefused()
    {
        var factory = Start();
        var writer = Writer(factory);
        var inHand = Batch(AgentApi.Result(SqlProbe, ProbeOutcome.Reachable));
        var queued = Batch(AgentApi.Result(AeProbe, ProbeOutcome.Reachable));
        // The factory disposes its host once the stop ends.
        var database = DatabasePath(factory);

        Task<IngestionOutcome> first, second;
        using (WriteLock.Take(database))
        {
            first = writer.SubmitAsync(Agent(), inHand);
            await WaitUntilAsync(() => writer.QueuedResults == 1 && writer.QueuedBatches == 0); // in hand, waiting for the lock
            second = writer.SubmitAsync(Agent(), queued);
            await WaitUntilAsync(() => writer.QueuedBatches == 1);

            factory.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

            var late = await writer.SubmitAsync(Agent(), Batch(AgentApi.Result(AeProbe, ProbeOutcome.Refused))).WaitAsync(Patience);
            Assert.Equal(IngestionStatus.Unavailable, late.Status);
            Assert.False(first.IsCompleted, "the group in hand was answered before its commit");
        }

        // Answered only after its commit, as always; the queued batch was never acknowledged: refused, to be sent again.
        Assert.Equal((IngestionStatus.Stored, 1), ((await first.WaitAsync(Patience)).Status, (await first).Accepted!.Accepted));
        var refused = await second.WaitAsync(Patience);
        Assert.Equal(IngestionStatus.Unavailable, refused.Status);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Contains("shutting down", refused.Error);
        Assert.Equal(1, Count(database, "Results"));
        Assert.Equal(1, Count(database, "Batches"));
        Assert.Equal(0, writer.QueuedResults);
    }

    [Fact]
    public void Start_WithBadIngestionSettings_FailsListingEveryKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Ingestion:MaxQueuedResults"] = "0",
            ["Central:Ingestion:MaxGroupResults"] = "-1",
            ["Central:Ingestion:MaxGroupWaitMilliseconds"] = "5000",
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Ingestion:MaxQueuedResults must be between 1 and 10000000 (is 0).", error.Message);
        Assert.Contains("Central:Ingestion:MaxGroupResults must be between 1 and 1000000 (is -1).", error.Message);
        Assert.Contains("Central:Ingestion:MaxGroupWaitMilliseconds must be between 0 and 1000 (is 5000).", error.Message);
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.AssertAsync(condition, Patience, () => "the writer did not reach the expected state.");

    private static long Count(CentralFactory factory, string table) => Count(DatabasePath(factory), table);

    private static long Count(string databasePath, string table)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Another connection holding SQLite's write lock (BEGIN IMMEDIATE) until disposed; readers still read (WAL).</summary>
    private sealed class WriteLock : IDisposable
    {
        private readonly SqliteConnection _connection;

        private WriteLock(SqliteConnection connection) => _connection = connection;

        public static WriteLock Take(string path)
        {
            var connection = Open(path);
            Execute(connection, "BEGIN IMMEDIATE;");
            return new WriteLock(connection);
        }

        public void Dispose()
        {
            Execute(_connection, "ROLLBACK;");
            _connection.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
    }
}
