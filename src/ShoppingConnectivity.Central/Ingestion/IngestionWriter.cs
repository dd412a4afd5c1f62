using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Ingestion;
using ShoppingConnectivity.Core.Text;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// The one writer of agents' results (DESIGN.md, "Data flow and storage", step 3). Requests validate their batch,
/// queue it here and wait; this writer takes every batch queued (up to <see cref="IngestionOptions.MaxGroupResults"/>),
/// writes them in ONE transaction through the store's bulk path, commits, and only then answers every waiting
/// request and updates the live state once for the whole group (group commit: one fsync for many batches).
/// </summary>
/// <remarks>
/// Per batch: a batch id already stored is a duplicate and is not written again (also when both copies are in the same
/// group); results of probes outside the agent's plan are history only; every result counts for the alert streaks at
/// its place in time; a result older than its link's last one (an outbox flushed late) is history and streak only
/// (Core's <see cref="LinkLedger"/> holds these rules). Results get their ids in commit order, so the rollup job's id
/// cursor stays valid.
/// When a group fails because of one batch (a constraint, a bug), its batches are written again one by one, so only
/// the batch at fault fails; when the database cannot write at all (locked, disk full), the group's requests get 503.
/// When central stops, the group in hand is committed and answered; batches still queued, and any that arrive after,
/// get 503 with Retry-After: none was acknowledged, so their agents keep them in the outbox and send them again
/// (to this central once back, or to another node). A stop so does not wait for a long queue to drain.
/// </remarks>
public sealed class IngestionWriter : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IIngestionStore> _storeFactory;
    private readonly Func<Exception, bool> _isUnavailable;
    private readonly AgentPlans _plans;

    /// <summary>The links' details, one instance each (most links of a flow say the same); used by the writer's loop only.</summary>
    private readonly StringPool _details = new();
    private readonly LiveState _live;
    private readonly AlertRules _rules;
    private readonly LinkStreaks _streaks;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly IngestionOptions _options;
    private readonly ILogger<IngestionWriter> _logger;
    private readonly CancellationToken _stopping;
    private long _queuedResults;
    private int _queuedBatches;
    private double _resultsPerSecond;
    private IngestionStatistics _statistics = new();

    /// <summary>
    /// The links this writer committed, as committed (the snapshot the live state holds, and the streak text as ASCII
    /// bytes: half a string's size), used instead of the database's rows when the store is the only writer. Read and
    /// written by the writer only; links the live state prunes (their rows are deleted) are dropped before the next group.
    /// </summary>
    private readonly Dictionary<(string AgentId, string ProbeId), (LinkSnapshot Link, byte[]? Streak)> _committed = [];
    private readonly ConcurrentQueue<(string AgentId, string ProbeId)> _pruned = new();

    public IngestionWriter(
        IngestionStoreFactory storeFactory,
        AgentPlans plans,
        LiveState live,
        AlertRules rules,
        LinkStreaks streaks,
        IngestionMetrics metrics,
        TimeProvider clock,
        IOptions<IngestionOptions> options,
        IHostApplicationLifetime lifetime,
        ILogger<IngestionWriter> logger)
    {
        _storeFactory = storeFactory.Create;
        _isUnavailable = storeFactory.IsUnavailable;
        _plans = plans;
        _live = live;
        _rules = rules;
        _streaks = streaks;
        _metrics = metrics;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        _stopping = lifetime.ApplicationStopping;
        live.Pruned += links =>
        {
            foreach (var link in links) _pruned.Enqueue((link.AgentId, link.ProbeId));
        };
    }

    /// <summary>Results queued and not yet committed.</summary>
    public long QueuedResults => Interlocked.Read(ref _queuedResults);

    /// <summary>Batches queued that the writer has not taken into a group yet.</summary>
    public int QueuedBatches => Volatile.Read(ref _queuedBatches);

    /// <summary>What the writer has done since start (groups, batches, results): for tests, logs and benchmarks.</summary>
    public IngestionStatistics Statistics => Volatile.Read(ref _statistics);

    /// <summary>
    /// Queues a validated batch and completes once it is committed (or found a duplicate), or at once with
    /// <see cref="IngestionStatus.Busy"/> when the queue is full.
    /// </summary>
    public Task<IngestionOutcome> SubmitAsync(AgentRecord agent, ResultBatch batch, CancellationToken cancellationToken = default)
    {
        if (_stopping.IsCancellationRequested) return Task.FromResult(ShuttingDown);
        var count = batch.Results.Count;
        while (true)
        {
            var queued = Interlocked.Read(ref _queuedResults);
            // An empty queue takes any batch, so a batch larger than the bound is not refused for ever.
            if (queued > 0 && queued + count > _options.MaxQueuedResults)
            {
                Update(s => s with { Rejected = s.Rejected + 1 });
                return Task.FromResult(IngestionOutcome.Busy(RetryAfter(queued)));
            }

            if (Interlocked.CompareExchange(ref _queuedResults, queued + count, queued) == queued) break;
        }

        var pending = new Pending(agent.Id, agent.HostName, batch);
        Interlocked.Increment(ref _queuedBatches);
        if (!_queue.Writer.TryWrite(pending))
        {
            Unqueue(count);
            return Task.FromResult(ShuttingDown);
        }

        // The request may go away (the agent gave up waiting); the batch is still written, and the agent's resend is a duplicate.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// A group this small waits up to <see cref="IngestionOptions.MaxGroupWaitMilliseconds"/> for more batches. Under
    /// load, batches queue while the previous group commits and groups are larger than this by themselves; waiting then
    /// would only leave the writer idle.
    /// </summary>
    public const int WaitBelowResults = 500;

    /// <summary>Waits until a batch is queued (true) or the clock reaches <paramref name="deadline"/> (false).</summary>
    private async Task<bool> MoreWithinAsync(ChannelReader<Pending> reader, long deadline)
    {
        var remaining = _clock.GetElapsedTime(_clock.GetTimestamp(), deadline);
        if (remaining <= TimeSpan.Zero) return false;
        using var timeout = new CancellationTokenSource(remaining, _clock);
        var more = reader.WaitToReadAsync(timeout.Token).AsTask();
        // A timeout is the usual end of the wait at a low rate: no exception for it.
        await ((Task)more).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return more.IsCompletedSuccessfully && more.Result;
    }

    private static IngestionOutcome ShuttingDown => IngestionOutcome.Unavailable(TimeSpan.FromSeconds(5), "Central is shutting down; send the batch again.");

    /// <summary>How long a refused agent should wait: about the time the queue takes to drain.</summary>
    private TimeSpan RetryAfter(long queued)
    {
        var rate = Volatile.Read(ref _resultsPerSecond);
        var seconds = rate > 0 ? Math.Ceiling(queued / rate) : 5;
        return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 60));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // No new batches. The writer ends once the group in hand is committed; since stopping began it refuses the
        // rest (see the remarks), so the requests waiting for it are answered at once.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await using var store = _storeFactory();
        var reader = _queue.Reader;
        var group = new List<Pending>();
        var lastLog = Stopwatch.StartNew();
        var logged = Statistics;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            if (_stopping.IsCancellationRequested)
            {
                Refuse(reader);
                continue;
            }

            var results = 0;
            var deadline = _clock.GetTimestamp() + _clock.TimestampFrequency * _options.MaxGroupWaitMilliseconds / 1000;
            while (true)
            {
                while (results < _options.MaxGroupResults && reader.TryPeek(out var next)
                       && (results == 0 || results + next.Batch.Results.Count <= _options.MaxGroupResults)
                       && reader.TryRead(out next))
                {
                    Interlocked.Decrement(ref _queuedBatches);
                    group.Add(next);
                    results += next.Batch.Results.Count;
                }

                if (results >= Math.Min(WaitBelowResults, _options.MaxGroupResults) || reader.Completion.IsCompleted || _stopping.IsCancellationRequested) break;
                if (reader.TryPeek(out _)) break; // full: the next batch does not fit this group
                if (!await MoreWithinAsync(reader, deadline)) break;
            }

            var started = Stopwatch.GetTimestamp();
            await WriteGroupAsync(store, group);
            var elapsed = Stopwatch.GetElapsedTime(started);
            Interlocked.Add(ref _queuedResults, -results);
            if (elapsed > TimeSpan.Zero)
            {
                // A smoothed write rate, for Retry-After.
                var rate = results / elapsed.TotalSeconds;
                var old = Volatile.Read(ref _resultsPerSecond);
                Volatile.Write(ref _resultsPerSecond, old == 0 ? rate : old * 0.9 + rate * 0.1);
            }

            Update(s => s with { Groups = s.Groups + 1, LastGroupBatches = group.Count, LastGroupResults = results, WriteTime = s.WriteTime + elapsed });
            group.Clear();

            if (lastLog.Elapsed >= TimeSpan.FromSeconds(10))
            {
                var now = Statistics;
                var groups = now.Groups - logged.Groups;
                if (groups > 0)
                {
                    _logger.LogInformation(
                        "Ingestion: {Results} results in {Batches} batches, {Groups} groups (average {PerGroup:0} results) in {Seconds:0.0} s; writing took {WriteMs:0} ms; {Queued} results queued.",
                        now.Results - logged.Results, now.Batches - logged.Batches, groups, (now.Results - logged.Results) / (double)groups,
                        lastLog.Elapsed.TotalSeconds, (now.WriteTime - logged.WriteTime).TotalMilliseconds, QueuedResults);
                }

                logged = now;
                lastLog.Restart();
            }
        }
    }

    /// <summary>A batch left the queue without being written (refused): it no longer counts against the queue's bound.</summary>
    private void Unqueue(int results)
    {
        Interlocked.Decrement(ref _queuedBatches);
        Interlocked.Add(ref _queuedResults, -results);
    }

    /// <summary>Answers every batch still queued with 503 (central is stopping): none of them was acknowledged.</summary>
    private void Refuse(ChannelReader<Pending> reader)
    {
        var refused = 0;
        while (reader.TryRead(out var pending))
        {
            Unqueue(pending.Batch.Results.Count);
            pending.Completion.TrySetResult(ShuttingDown);
            refused++;
        }

        if (refused > 0)
        {
            _logger.LogInformation("Central is stopping: {Count} queued batches refused; their agents send them again.", refused);
        }
    }

    private async Task WriteGroupAsync(IIngestionStore store, List<Pending> group)
    {
        try
        {
            var outcomes = await WriteAsync(store, group);
            for (var i = 0; i < group.Count; i++) group[i].Completion.TrySetResult(outcomes[i]);
        }
        catch (Exception ex) when (group.Count > 1 && !_isUnavailable(ex))
        {
            // One batch may be at fault: write each on its own, so only that one fails.
            _logger.LogWarning(ex, "A group of {Count} batches failed; writing them one by one.", group.Count);
            foreach (var pending in group) await WriteGroupAsync(store, [pending]);
        }
        catch (Exception ex)
        {
            var unavailable = _isUnavailable(ex);
            _logger.LogError(ex, "Storing {Count} batches failed ({Kind}); their agents send them again.", group.Count,
                unavailable ? "database unavailable" : "batch refused by the database");
            var outcome = unavailable
                ? IngestionOutcome.Unavailable(TimeSpan.FromSeconds(5), $"The database cannot take writes now: {ex.Message}")
                : IngestionOutcome.Failed($"Storing the batch failed: {ex.Message}");
            foreach (var pending in group) pending.Completion.TrySetResult(outcome);
            Update(s => s with { Failed = s.Failed + group.Count });
        }
    }

    private async Task<IngestionOutcome[]> WriteAsync(IIngestionStore store, List<Pending> group)
    {
        var now = _clock.GetUtcNow();
        var outcomes = new IngestionOutcome[group.Count];

        // The first copy of a batch id in the group is claimed; later copies are duplicates of it.
        var firstCopy = new Dictionary<(string, Guid), int>();
        var claims = new List<BatchClaim>(group.Count);
        var claimed = new List<int>(group.Count);
        for (var i = 0; i < group.Count; i++)
        {
            var p = group[i];
            if (firstCopy.TryAdd((p.AgentId, p.Batch.BatchId), i))
            {
                claims.Add(new BatchClaim(p.AgentId, p.Batch.BatchId, p.Batch.Results.Count));
                claimed.Add(i);
            }
            else
            {
                outcomes[i] = IngestionOutcome.Stored(new ResultBatchAccepted(p.Batch.BatchId, 0, Duplicate: true));
            }
        }

        var stages = _metrics.StartGroup();
        await using var transaction = await store.BeginAsync(CancellationToken.None);
        stages.Lap("begin");
        var fresh = await transaction.ClaimBatchesAsync(claims, now, CancellationToken.None);
        stages.Lap("claim");
        var toWrite = new List<Pending>(claimed.Count);
        var agents = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < claimed.Count; c++)
        {
            var p = group[claimed[c]];
            if (fresh[c])
            {
                toWrite.Add(p);
                agents.Add(p.AgentId);
                outcomes[claimed[c]] = IngestionOutcome.Stored(new ResultBatchAccepted(p.Batch.BatchId, p.Batch.Results.Count, Duplicate: false));
            }
            else
            {
                outcomes[claimed[c]] = IngestionOutcome.Stored(new ResultBatchAccepted(p.Batch.BatchId, 0, Duplicate: true));
            }
        }

        var keys = new HashSet<(string AgentId, string ProbeId)>();
        foreach (var p in toWrite)
        {
            foreach (var r in p.Batch.Results) keys.Add((p.AgentId, r.ProbeId));
        }

        var ledger = new LinkLedger(_rules.For, _details);
        IReadOnlyCollection<(string AgentId, string ProbeId)> lookUp = store.SoleWriter ? FromMemory(keys, ledger) : keys;
        foreach (var link in await transaction.LoadLinksAsync(lookUp, CancellationToken.None)) ledger.Load(link.ToSnapshot(), link.Streak);
        stages.Lap("load links");

        var rows = new List<ResultRow>(toWrite.Sum(p => p.Batch.Results.Count));
        foreach (var p in toWrite)
        {
            var plan = _plans.For(p.AgentId, p.HostName);
            foreach (var r in p.Batch.Results.OrderBy(r => r.At))
            {
                rows.Add(new ResultRow(p.AgentId, p.Batch.BatchId, r));
                // Only probes of the current plan feed live links; results of an older plan are kept as history only.
                if (plan?.ProbesById.TryGetValue(r.ProbeId, out var probe) == true) ledger.Apply(p.AgentId, probe, r);
            }
        }

        var touched = ledger.Touched();
        var links = touched.Select(u => u.Link.ToRecord(u.Streak.Serialize())).ToList();
        stages.Lap("links and streaks");
        await transaction.InsertResultsAsync(rows, now, CancellationToken.None);
        stages.Lap("insert results");
        await transaction.InsertTransitionsAsync(ledger.Transitions.Select(TransitionRecord.From).ToList(), CancellationToken.None);
        await transaction.UpsertLinksAsync(links, CancellationToken.None);
        await transaction.TouchAgentsAsync(agents, now, CancellationToken.None);
        stages.Lap("transitions, links, agents");
        await transaction.CommitAsync(CancellationToken.None);
        stages.Lap("commit");

        // Committed: now, and only now, the rest of central may see it.
        foreach (var update in touched)
        {
            _streaks.Set(update.Link.AgentId, update.Link.ProbeId, update.Link.FlowId, update.Streak.Current(_rules.For(update.Link.FlowId)));
        }

        if (store.SoleWriter)
        {
            for (var i = 0; i < touched.Count; i++)
            {
                _committed[(touched[i].Link.AgentId, touched[i].Link.ProbeId)] =
                    (touched[i].Link, links[i].Streak is { } streak ? Encoding.Latin1.GetBytes(streak) : null);
            }
        }

        if (touched.Count > 0) _live.Apply(touched.Select(u => u.Link));
        stages.Lap("live state");
        Update(s => s with
        {
            Batches = s.Batches + group.Count, Results = s.Results + rows.Count, Duplicates = s.Duplicates + group.Count - toWrite.Count,
            LinksLookedUp = s.LinksLookedUp + lookUp.Count,
        });
        return outcomes;
    }

    /// <summary>Loads the links this writer committed into the ledger; the keys it does not hold, to be read from the database.</summary>
    private List<(string AgentId, string ProbeId)> FromMemory(HashSet<(string AgentId, string ProbeId)> keys, LinkLedger ledger)
    {
        while (_pruned.TryDequeue(out var key)) _committed.Remove(key);
        var missing = new List<(string AgentId, string ProbeId)>();
        foreach (var key in keys)
        {
            if (_committed.TryGetValue(key, out var link)) ledger.Load(link.Link, link.Streak is { } streak ? Encoding.Latin1.GetString(streak) : null);
            else missing.Add(key);
        }

        return missing;
    }

    private void Update(Func<IngestionStatistics, IngestionStatistics> change)
    {
        while (true)
        {
            var old = Volatile.Read(ref _statistics);
            if (Interlocked.CompareExchange(ref _statistics, change(old), old) == old) return;
        }
    }

    private sealed class Pending(string agentId, string hostName, ResultBatch batch)
    {
        public string AgentId { get; } = agentId;
        public string HostName { get; } = hostName;
        public ResultBatch Batch { get; } = batch;
        public TaskCompletionSource<IngestionOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
