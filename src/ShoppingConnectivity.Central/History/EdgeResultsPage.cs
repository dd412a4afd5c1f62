using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.History;

/// <summary>
/// One page of a flow's raw results, newest first, optionally of one outcome and one host (the agent that probed, or
/// the target probed). Pages follow each other by result id (<see cref="Older"/> is the next page's <c>before</c>), so
/// results stored meanwhile never shift a page.
/// </summary>
/// <param name="Older">The <c>before</c> of the next (older) page; null when nothing older is stored.</param>
/// <param name="StoppedEarly">The search looked at <see cref="EdgeHistory.ScanLimit"/> results without filling the page
/// or reaching the oldest (a rare flow or outcome on a busy estate): the next page goes on from where it stopped.</param>
public sealed record EdgeResultsPage(IReadOnlyList<EdgeResultsPage.Row> Rows, long? Older, bool StoppedEarly)
{
    public const int PageSize = 100;

    public sealed record Row(long Id, DateTimeOffset At, string Source, string Target, ProbeOutcome Outcome, double? LatencyMs, string? Detail, bool Degraded);

    /// <param name="before">Only results older than this id (the previous page's <see cref="Older"/>); null: the newest.</param>
    public static async Task<EdgeResultsPage> LoadAsync(IDbContextFactory<CentralDbContext> dbFactory, Estate estate, string flowId,
        ProbeOutcome? outcome, string? host, long? before, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var newest = await db.Results.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var oldest = await db.Results.MinAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var start = before is { } b ? Math.Min(b - 1, newest) : newest;

        var query = db.Results.AsNoTracking().Where(r => r.FlowId == flowId);
        if (outcome is { } o) query = query.Where(r => r.Outcome == o);
        if (!string.IsNullOrWhiteSpace(host))
        {
            // Agents are named by their lower-case host name; probe ids by the estate's spelling: "flow/target/port".
            var agent = host.Trim().ToLowerInvariant();
            var target = $"{flowId}/{estate.FindHost(host.Trim())?.Name ?? host.Trim()}/";
            query = query.Where(r => r.AgentId == agent || r.ProbeId.StartsWith(target));
        }

        // As EdgeHistory: no index by flow, so ranges of the primary key from the newest down, one more row than the
        // page to know whether an older one exists.
        var found = new List<ResultRecord>();
        var high = start;
        for (; high >= oldest && high > start - EdgeHistory.ScanLimit && found.Count <= pageSize; high -= EdgeHistory.ScanRange)
        {
            var low = high - EdgeHistory.ScanRange;
            found.AddRange(await query.Where(r => r.Id > low && r.Id <= high)
                .OrderByDescending(r => r.Id).Take(pageSize + 1 - found.Count).ToListAsync(cancellationToken));
        }

        var rows = found.Take(pageSize)
            .Select(r => new Row(r.Id, r.At, estate.FindHost(r.AgentId)?.Name ?? r.AgentId, EdgeHistory.TargetOf(r.ProbeId), r.Outcome, r.LatencyMs, r.Detail, r.Degraded))
            .ToList();
        if (found.Count > pageSize) return new EdgeResultsPage(rows, rows[^1].Id, StoppedEarly: false);
        // The page is not full: either nothing older is stored, or the scan stopped at its limit (go on below it).
        var stopped = high >= oldest;
        return new EdgeResultsPage(rows, stopped ? high + 1 : null, stopped);
    }
}
