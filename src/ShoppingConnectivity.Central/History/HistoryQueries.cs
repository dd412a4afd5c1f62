using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>One point of a trend: the results of one step of time, merged.</summary>
public sealed record TrendPoint(DateTimeOffset Start, long Total, long Reachable, double? UptimePercent, double? LatencyP95, double? LatencyAvg, double? LatencyMin, double? LatencyMax);

/// <summary>An edge's (or, with no flow, the whole estate's) trend over a range.</summary>
public sealed record Trend(
    string? FlowId,
    DateTimeOffset From,
    DateTimeOffset To,
    RollupResolution Resolution,
    TimeSpan Step,
    IReadOnlyList<TrendPoint> Points,
    long Total,
    double? UptimePercent,
    double? LatencyP95,
    IReadOnlyList<EdgeOutage> Outages);

/// <summary>The diagram as it was at a past moment, rebuilt from transitions.</summary>
public sealed record Replay(DateTimeOffset At, IReadOnlyList<EdgeState> Edges, int Links);

/// <summary>Reads trends, outages, availability and replays from the rollups and transitions.</summary>
public sealed class HistoryQueries(
    IDbContextFactory<CentralDbContext> dbFactory,
    FlowCatalogue catalogue,
    EstateStore estate,
    LiveState live,
    IOptions<HistoryOptions> history,
    IOptions<CentralOptions> central,
    TimeProvider clock)
{
    /// <summary>Points of a chart: about this many, whatever the range.</summary>
    public const int TargetPoints = 360;

    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(7),
    ];

    /// <summary>Checks a range request; every problem names its parameter.</summary>
    public IReadOnlyList<string> Validate(string? flowId, DateTimeOffset from, DateTimeOffset to)
    {
        var errors = new List<string>();
        if (flowId is not null && catalogue.FindFlow(flowId) is null) errors.Add($"flow: unknown flow '{flowId}'.");
        if (from >= to) errors.Add($"from: {from:O} is not before to ({to:O}).");
        else if (to - from > MaxRange) errors.Add($"to: the range is {(to - from).TotalDays:N0} days; at most {MaxRange.TotalDays:N0}.");
        return errors;
    }

    public async Task<Trend> TrendAsync(string? flowId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // Minute buckets where they are still kept and the range is short enough to want them; hours otherwise.
        var resolution = to - from <= TimeSpan.FromDays(3) && from >= now.AddDays(-history.Value.MinuteRollupDays)
            ? RollupResolution.Minute
            : RollupResolution.Hour;
        var unit = resolution == RollupResolution.Minute ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
        var wanted = (to - from) / TargetPoints;
        var step = Steps.FirstOrDefault(s => s >= wanted && s >= unit, Steps[^1]);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var first = RollupBucket.StartOf(from, resolution);
        IQueryable<RollupRecord> rows = resolution == RollupResolution.Minute ? db.MinuteRollups : db.HourRollups;
        rows = rows.AsNoTracking().Where(r => r.BucketStart >= first && r.BucketStart < to);
        if (flowId is not null) rows = rows.Where(r => r.FlowId == flowId);

        var points = new SortedDictionary<DateTimeOffset, RollupBucket>();
        var whole = new RollupBucket(flowId ?? "*", from);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var bucket = RollupMapping.ToBucket(row);
            // Points on round times (whole 5 minutes, hours, days in UTC), so two edges and two ranges line up.
            var start = new DateTimeOffset(row.BucketStart.UtcTicks - row.BucketStart.UtcTicks % step.Ticks, TimeSpan.Zero);
            if (!points.TryGetValue(start, out var point)) points[start] = point = new RollupBucket(flowId ?? "*", start);
            point.Merge(bucket);
            whole.Merge(bucket);
        }

        var outages = await OutagesAsync(flowId, from, to, cancellationToken);
        return new Trend(
            flowId, from, to, resolution, step,
            points.Values.Select(ToPoint).ToList(),
            whole.Total,
            Uptime(whole),
            whole.LatencyP95,
            outages);
    }

    /// <summary>Edge outages in the range, from the transitions (and each link's state when the range opens).</summary>
    public async Task<IReadOnlyList<EdgeOutage>> OutagesAsync(string? flowId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inRange = db.Transitions.AsNoTracking().Where(t => t.At >= from && t.At <= to);
        if (flowId is not null) inRange = inRange.Where(t => t.FlowId == flowId);
        var transitions = await inRange.ToListAsync(cancellationToken);
        transitions.AddRange(await LatestAtAsync(db, flowId, from, cancellationToken));

        var links = Outages.OfLinks(transitions.Select(ToCore), from, to);
        return links.GroupBy(l => l.FlowId)
            .SelectMany(g => Outages.OfEdge(g.Key, g))
            .OrderByDescending(o => o.Start)
            .ToList();
    }

    /// <summary>Per flow, uptime against the target over [from, to), with its outages.</summary>
    public async Task<IReadOnlyList<AvailabilityRow>> AvailabilityAsync(DateTimeOffset from, DateTimeOffset to, double targetPercent, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.HourRollups.AsNoTracking().Where(r => r.BucketStart >= from && r.BucketStart < to).ToListAsync(cancellationToken);
        var byFlow = rows.GroupBy(r => r.FlowId).ToDictionary(g => g.Key, g => g.Select(RollupMapping.ToBucket).ToList(), StringComparer.Ordinal);
        var outages = (await OutagesAsync(null, from, to, cancellationToken)).GroupBy(o => o.FlowId).ToDictionary(g => g.Key, g => (IReadOnlyList<EdgeOutage>)g.ToList(), StringComparer.Ordinal);
        var end = to < clock.GetUtcNow() ? to : clock.GetUtcNow();
        return catalogue.Flows.Select(f => Availability.For(f.Id, byFlow.GetValueOrDefault(f.Id) ?? [], outages.GetValueOrDefault(f.Id) ?? [], targetPercent, end)).ToList();
    }

    /// <summary>
    /// The diagram at <paramref name="at"/>: each link's outcome from its last transition by then; a flow with no
    /// results in the minutes before shows grey, as it did live. Switches are today's (the estate's history is not kept).
    /// </summary>
    public async Task<Replay> ReplayAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await LatestAtAsync(db, null, at, cancellationToken, inclusive: true);
        var o = central.Value;
        var window = TimeSpan.FromSeconds((double)o.ProbeIntervalSeconds * o.StaleAfterIntervals);
        var windowStart = RollupBucket.StartOf(at - window, RollupResolution.Minute);
        var fresh = (await db.MinuteRollups.AsNoTracking()
                .Where(r => r.BucketStart >= windowStart && r.BucketStart <= at)
                .Select(r => r.FlowId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var intervals = live.AllLinks().ToDictionary(l => (l.AgentId, l.ProbeId), l => l.IntervalSeconds);

        var links = latest.Select(t =>
        {
            var interval = intervals.GetValueOrDefault((t.AgentId, t.ProbeId), o.ProbeIntervalSeconds);
            var lastAt = fresh.Contains(t.FlowId) ? at : t.At;
            return new LinkSnapshot(t.AgentId, t.ProbeId, t.FlowId, t.TargetHost, t.Port, t.ToOutcome, t.At, lastAt, null, null, interval);
        }).ToList();
        var board = new EdgeBoard(catalogue, new EdgeThresholds(o.ClientBrokenShare, o.StaleAfterIntervals));
        var (edges, _) = board.Evaluate(estate.Current, links, at);
        return new Replay(at, edges, links.Count);
    }

    /// <summary>Each link's last transition before (or at) <paramref name="at"/>: its state at that moment.</summary>
    private static async Task<List<TransitionRecord>> LatestAtAsync(CentralDbContext db, string? flowId, DateTimeOffset at, CancellationToken cancellationToken, bool inclusive = false)
    {
        var before = inclusive
            ? db.Transitions.AsNoTracking().Where(t => t.At <= at)
            : db.Transitions.AsNoTracking().Where(t => t.At < at);
        if (flowId is not null) before = before.Where(t => t.FlowId == flowId);
        var lastIds = before.GroupBy(t => new { t.AgentId, t.ProbeId }).Select(g => g.Max(t => t.Id));
        return await db.Transitions.AsNoTracking().Where(t => lastIds.Contains(t.Id)).ToListAsync(cancellationToken);
    }

    private static LinkTransition ToCore(TransitionRecord t) =>
        new(t.AgentId, t.ProbeId, t.FlowId, t.TargetHost, t.Port, t.FromOutcome, t.ToOutcome, t.At);

    private static double? Uptime(RollupBucket b) => b.Total == 0 ? null : 100.0 * b.Reachable / b.Total;

    private static TrendPoint ToPoint(RollupBucket b) =>
        new(b.Start, b.Total, b.Reachable, Uptime(b), b.LatencyP95, b.LatencyAvg, b.LatencyMin, b.LatencyMax);
}
