using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.History;

/// <summary>Reads trends, outages, availability and replays from the rollups and transitions.</summary>
public sealed class HistoryQueries(
    IDbContextFactory<CentralDbContext> dbFactory,
    FlowCatalogue catalogue,
    EstateStore estate,
    IOptions<HistoryOptions> history,
    TimeProvider clock)
{
    /// <summary>Points of a chart: about this many, whatever the range.</summary>
    public const int TargetPoints = 360;

    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(7),
    ];

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
        var rollupFlow = flowId ?? HistoryMaintenance.EstateFlowId;
        rows = rows.Where(r => r.FlowId == rollupFlow);

        var points = new SortedDictionary<DateTimeOffset, RollupBucket>();
        rows = rows.AsNoTracking();
        var whole = new RollupBucket(flowId ?? "*", from);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Points on round times (whole 5 minutes, hours, days in UTC), so two edges and two ranges line up.
            var start = new DateTimeOffset(row.BucketStart.UtcTicks - row.BucketStart.UtcTicks % step.Ticks, TimeSpan.Zero);
            if (!points.TryGetValue(start, out var point)) points[start] = point = new RollupBucket(flowId ?? "*", start);
            RollupMapping.AddTo(point, row);
        }

        foreach (var point in points.Values) whole.Merge(point);

        var outages = await EdgePeriodsAsync(flowId, from, to, cancellationToken);
        return new Trend(
            flowId, from, to, resolution, step,
            points.Values.Select(ToPoint).ToList(),
            whole.Total,
            Uptime(whole),
            whole.LatencyP95,
            outages);
    }

    /// <summary>
    /// The broken (red) and partial (amber) periods of an edge, or of every edge, in the range: from the edge colour
    /// changes, one row per change whatever the number of links, so months of a 50,000-client edge stay cheap.
    /// </summary>
    public async Task<IReadOnlyList<EdgePeriod>> EdgePeriodsAsync(string? flowId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inRange = db.EdgeTransitions.AsNoTracking().Where(t => t.At >= from && t.At <= to);
        var before = db.EdgeTransitions.AsNoTracking().Where(t => t.At < from);
        if (flowId is not null)
        {
            inRange = inRange.Where(t => t.FlowId == flowId);
            before = before.Where(t => t.FlowId == flowId);
        }

        var lastIds = before.GroupBy(t => t.FlowId).Select(g => g.Max(t => t.Id));
        var changes = await inRange.Concat(db.EdgeTransitions.AsNoTracking().Where(t => lastIds.Contains(t.Id))).ToListAsync(cancellationToken);
        return EdgeTimeline.Periods(changes.Select(EdgeHistoryFormat.ToChange), from, to);
    }

    /// <summary>
    /// Link-level outages of one flow (each source and target, with its outcome), from the link transitions: the
    /// detail behind an edge outage. At most <paramref name="limit"/> transitions are read; ask for a shorter range.
    /// </summary>
    public async Task<IReadOnlyList<EdgeOutage>> LinkOutagesAsync(string? flowId, DateTimeOffset from, DateTimeOffset to, int limit = 50_000, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inRange = db.Transitions.AsNoTracking().Where(t => t.At >= from && t.At <= to);
        if (flowId is not null) inRange = inRange.Where(t => t.FlowId == flowId);
        var transitions = await inRange.OrderBy(t => t.At).Take(limit).ToListAsync(cancellationToken);
        transitions.AddRange(await LatestAtAsync(db, flowId, from, cancellationToken));

        var links = Outages.OfLinks(transitions.Select(t => t.ToTransition()), from, to);
        return links.GroupBy(l => l.FlowId)
            .SelectMany(g => Outages.OfEdge(g.Key, g))
            .OrderByDescending(o => o.Start)
            .ToList();
    }

    /// <summary>Per flow, uptime against the target over [from, to), with its broken periods as outages.</summary>
    public async Task<IReadOnlyList<AvailabilityRow>> AvailabilityAsync(DateTimeOffset from, DateTimeOffset to, double targetPercent, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.HourRollups.AsNoTracking().Where(r => r.BucketStart >= from && r.BucketStart < to).ToListAsync(cancellationToken);
        var byFlow = rows.GroupBy(r => r.FlowId).ToDictionary(g => g.Key, g => g.Select(RollupMapping.ToBucket).ToList(), StringComparer.Ordinal);
        var outages = (await EdgePeriodsAsync(null, from, to, cancellationToken))
            .Where(p => p.Colour == EdgeColour.Red)
            .GroupBy(o => o.FlowId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EdgePeriod>)g.ToList(), StringComparer.Ordinal);
        var end = to < clock.GetUtcNow() ? to : clock.GetUtcNow();
        return catalogue.Flows.Select(f => Availability.For(f.Id, byFlow.GetValueOrDefault(f.Id) ?? [], outages.GetValueOrDefault(f.Id) ?? [], targetPercent, end)).ToList();
    }

    /// <summary>
    /// The diagram as it was at <paramref name="at"/>: each edge's colour, summary and counts from its last colour
    /// change by then, as the dashboard showed them; an edge with no change by then had no data.
    /// </summary>
    public async Task<Replay> ReplayAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastIds = db.EdgeTransitions.Where(t => t.At <= at).GroupBy(t => t.FlowId).Select(g => g.Max(t => t.Id));
        var latest = (await db.EdgeTransitions.AsNoTracking().Where(t => lastIds.Contains(t.Id)).ToListAsync(cancellationToken))
            .ToDictionary(t => t.FlowId, StringComparer.Ordinal);
        // The ports the estate's plans probe now: the history keeps each edge's colour, not the port of each moment.
        var inForce = estate.Current;
        var edges = catalogue.Flows.Select(flow =>
        {
            var ports = EdgePorts.Of(flow, inForce);
            if (!latest.TryGetValue(flow.Id, out var t))
            {
                return new EdgeState(flow.Id, flow.From, flow.To, ports.Ports, EdgeColour.Grey, EdgeState.LabelFor(EdgeColour.Grey),
                    "no history by then", new Dictionary<ProbeOutcome, int>(), 0, 0, null) { PortsLabel = ports.Label };
            }

            return new EdgeState(flow.Id, flow.From, flow.To, ports.Ports, t.ToColour, EdgeState.LabelFor(t.ToColour), t.Summary,
                EdgeHistoryFormat.ParseCounts(t.Counts), t.Links, 0, t.At) { PortsLabel = ports.Label };
        }).ToList();
        return new Replay(at, edges, edges.Sum(e => e.Links));
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

    private static double? Uptime(RollupBucket b) => b.Total == 0 ? null : 100.0 * b.Reachable / b.Total;

    private static TrendPoint ToPoint(RollupBucket b) =>
        new(b.Start, b.Total, b.Reachable, Uptime(b), b.LatencyP95, b.LatencyAvg, b.LatencyMin, b.LatencyMax);
}
