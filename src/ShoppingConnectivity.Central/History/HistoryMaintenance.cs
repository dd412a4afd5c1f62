using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>
/// Rolls raw results up into per-edge minute and hour buckets, and enforces retention, a small batch at a time so
/// ingestion never waits long behind it. Results are rolled up by id, not by time: a late result (an agent's outbox
/// after an outage) is rolled up whenever it arrives, into the buckets of its own time.
/// </summary>
public sealed class HistoryMaintenance(
    IDbContextFactory<CentralDbContext> dbFactory,
    IOptions<HistoryOptions> options,
    TimeProvider clock,
    ILogger<HistoryMaintenance> logger)
{
    public const string RollupCursor = ResultRecord.RollupCursor;

    /// <summary>
    /// The flow id of the whole estate's roll-ups: every result is also counted there, so the estate's trend over a
    /// year reads one row per bucket instead of one per edge (pre-aggregated, as monitoring systems keep totals).
    /// </summary>
    public const string EstateFlowId = "*";

    // One roll-up at a time in this process (the job and a caller must not fold the same results twice);
    // across central nodes Quartz clustering runs the job on one node.
    private readonly SemaphoreSlim _rollupGate = new(1, 1);

    /// <summary>A result committed this long ago is surely visible to every reader (several nodes, PostgreSQL sequences).</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    /// <summary>Rolls up every result received so far (bar the last few seconds); returns how many.</summary>
    public async Task<int> RollUpAsync(CancellationToken cancellationToken = default)
    {
        await _rollupGate.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                var done = await RollUpBatchAsync(cancellationToken);
                total += done;
                if (done < options.Value.BatchSize) break;
            }

            return total;
        }
        finally
        {
            _rollupGate.Release();
        }
    }

    /// <summary>
    /// The last result id received before <paramref name="cutoff"/> (0 if none): a binary search over the ids, each step
    /// one primary-key seek, as ReceivedAt grows with the id (commit order, the group's time).
    /// </summary>
    public static async Task<long> LastIdReceivedBeforeAsync(CentralDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var first = await db.Results.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.ReceivedAt }).FirstOrDefaultAsync(cancellationToken);
        if (first is null || first.ReceivedAt >= cutoff) return 0;
        var low = first.Id; // received before the cut-off
        var high = await db.Results.MaxAsync(r => r.Id, cancellationToken) + 1; // this id and every later one: at or after it
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            var next = await db.Results.AsNoTracking().Where(r => r.Id >= middle).OrderBy(r => r.Id)
                .Select(r => new { r.Id, r.ReceivedAt }).FirstAsync(cancellationToken);
            if (next.ReceivedAt < cutoff) low = next.Id;
            else high = middle;
        }

        return low;
    }

    private async Task<int> RollUpBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var cursor = await db.JobCursors.FindAsync([RollupCursor], cancellationToken);
        var position = cursor?.Position ?? 0;
        var settled = clock.GetUtcNow() - Settle;
        var results = await db.Results.AsNoTracking()
            .Where(r => r.Id > position && r.ReceivedAt <= settled)
            .OrderBy(r => r.Id)
            .Take(options.Value.BatchSize)
            .Select(r => new { r.Id, r.FlowId, r.At, r.Outcome, r.LatencyMs, r.Degraded })
            .ToListAsync(cancellationToken);
        if (results.Count == 0) return 0;

        var minutes = new RollupBuilder(RollupResolution.Minute);
        var hours = new RollupBuilder(RollupResolution.Hour);
        foreach (var r in results)
        {
            minutes.Add(r.FlowId, r.At, r.Outcome, r.LatencyMs, r.Degraded);
            hours.Add(r.FlowId, r.At, r.Outcome, r.LatencyMs, r.Degraded);
            minutes.Add(EstateFlowId, r.At, r.Outcome, r.LatencyMs, r.Degraded);
            hours.Add(EstateFlowId, r.At, r.Outcome, r.LatencyMs, r.Degraded);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await MergeAsync(db.MinuteRollups, minutes.Buckets, cancellationToken);
        await MergeAsync(db.HourRollups, hours.Buckets, cancellationToken);
        if (cursor is null) db.JobCursors.Add(new JobCursor { Name = RollupCursor, Position = results[^1].Id });
        else cursor.Position = results[^1].Id;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results.Count;
    }

    private static async Task MergeAsync<T>(DbSet<T> set, IReadOnlyCollection<RollupBucket> buckets, CancellationToken cancellationToken)
        where T : RollupRecord, new()
    {
        var flows = buckets.Select(b => b.FlowId).Distinct().ToList();
        var starts = buckets.Select(b => b.Start).Distinct().ToList();
        var existing = await set.Where(r => flows.Contains(r.FlowId) && starts.Contains(r.BucketStart))
            .ToDictionaryAsync(r => (r.FlowId, r.BucketStart), cancellationToken);
        foreach (var bucket in buckets)
        {
            if (existing.TryGetValue((bucket.FlowId, bucket.Start), out var row))
            {
                var merged = RollupMapping.ToBucket(row);
                merged.Merge(bucket);
                RollupMapping.CopyTo(merged, row);
            }
            else
            {
                var added = new T { FlowId = bucket.FlowId, BucketStart = bucket.Start };
                RollupMapping.CopyTo(bucket, added);
                set.Add(added);
            }
        }
    }

    /// <summary>Deletes what is past its retention, in small batches; returns the rows deleted per kind.</summary>
    public async Task<IReadOnlyDictionary<string, int>> EnforceRetentionAsync(CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rolledUpTo = (await db.JobCursors.AsNoTracking().FirstOrDefaultAsync(c => c.Name == RollupCursor, cancellationToken))?.Position ?? 0;

        // Raw results go RawRetentionHours after they were received. Results have no index by time (each index cost the
        // writer several µs per result): ids are in commit order and ReceivedAt is the group's time, so what was received
        // before the cut-off is every id up to a boundary, found by a binary search over the primary key. Only rolled-up
        // results go: a result never rolled up would vanish from the trends.
        var rawCutoff = now.AddHours(-o.RawRetentionHours);
        var lastId = Math.Min(rolledUpTo, await LastIdReceivedBeforeAsync(db, rawCutoff, cancellationToken));
        deleted["results"] = await InBatchesAsync(() => db.Results
            .Where(r => r.Id <= lastId).OrderBy(r => r.Id).Take(o.BatchSize).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        var minuteCutoff = now.AddDays(-o.MinuteRollupDays);
        deleted["minuteRollups"] = await InBatchesAsync(() => db.MinuteRollups
            .Where(r => r.BucketStart < minuteCutoff).OrderBy(r => r.BucketStart).Take(o.BatchSize).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        var hourCutoff = now.AddDays(-o.HourRollupDays);
        deleted["hourRollups"] = await InBatchesAsync(() => db.HourRollups
            .Where(r => r.BucketStart < hourCutoff).OrderBy(r => r.BucketStart).Take(o.BatchSize).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        var transitionCutoff = now.AddDays(-o.TransitionDays);
        deleted["transitions"] = await InBatchesAsync(() => db.Transitions
            .Where(t => t.At < transitionCutoff).OrderBy(t => t.Id).Take(o.BatchSize).ExecuteDeleteAsync(cancellationToken), cancellationToken);
        var batchCutoff = now.AddDays(-o.BatchIdDays);
        deleted["batchIds"] = await InBatchesAsync(() => db.Batches
            .Where(b => b.ReceivedAt < batchCutoff).OrderBy(b => b.ReceivedAt).Take(o.BatchSize).ExecuteDeleteAsync(cancellationToken), cancellationToken);

        if (deleted.Values.Any(v => v > 0))
        {
            logger.LogInformation("Retention: deleted {Counts}.", string.Join(", ", deleted.Select(d => $"{d.Value} {d.Key}")));
        }

        return deleted;

        async Task<int> InBatchesAsync(Func<Task<int>> deleteBatch, CancellationToken ct)
        {
            var sum = 0;
            int n;
            do
            {
                n = await deleteBatch();
                sum += n;
                // Let the writer lock go between batches, so ingestion gets in.
                if (n > 0) await Task.Yield();
            }
            while (n >= o.BatchSize && !ct.IsCancellationRequested);
            return sum;
        }
    }
}
