using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.History;

/// <summary>One flow's newest raw results, and the link transitions (outcome changes per agent and probe) among them.</summary>
public sealed record EdgeHistory(IReadOnlyList<EdgeHistory.Result> Results, IReadOnlyList<EdgeHistory.Transition> Transitions)
{
    public sealed record Result(DateTimeOffset At, string Source, string Target, ProbeOutcome Outcome, double? LatencyMs, string? Detail, bool Degraded);

    /// <summary><see cref="From"/> is null for the first result of a link in the window.</summary>
    public sealed record Transition(DateTimeOffset At, string Source, string Target, ProbeOutcome? From, ProbeOutcome To, string? Detail);

    public static async Task<EdgeHistory> LoadAsync(IDbContextFactory<CentralDbContext> dbFactory, Estate estate, string flowId, int window, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Results has no index by flow (each index cost the writer several µs per result): the newest results are found
        // by walking the ids (commit order) back from the newest in ranges, a primary-key range scan each, until the
        // window is full or ScanLimit results were looked at. A rare flow on a busy estate shows what the last few
        // million results held; the trend page covers the months.
        var newest = await db.Results.MaxAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var oldest = await db.Results.MinAsync(r => (long?)r.Id, cancellationToken) ?? 0;
        var found = new List<ResultRecord>();
        for (var high = newest; high >= oldest && high > newest - ScanLimit && found.Count < window; high -= ScanRange)
        {
            var low = high - ScanRange;
            // Newest first within the range (rowid order, no sort), only as many as the window still lacks.
            found.AddRange(await db.Results.AsNoTracking().Where(r => r.Id > low && r.Id <= high && r.FlowId == flowId)
                .OrderByDescending(r => r.Id).Take(window - found.Count).ToListAsync(cancellationToken));
        }

        var rows = found.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(window).ToList();
        var results = rows.Select(r => new Result(r.At, SourceOf(r.AgentId, estate), TargetOf(r.ProbeId), r.Outcome, r.LatencyMs, r.Detail, r.Degraded)).ToList();

        var transitions = new List<Transition>();
        foreach (var link in rows.GroupBy(r => (r.AgentId, r.ProbeId)))
        {
            ProbeOutcome? previous = null;
            foreach (var r in link.OrderBy(r => r.At).ThenBy(r => r.Id))
            {
                if (previous != r.Outcome)
                    transitions.Add(new Transition(r.At, SourceOf(r.AgentId, estate), TargetOf(r.ProbeId), previous, r.Outcome, r.Detail));
                previous = r.Outcome;
            }
        }

        return new EdgeHistory(results, transitions.OrderByDescending(t => t.At).Take(200).ToList());
    }

    /// <summary>Ids looked at per query (a range of the primary key): tens of milliseconds.</summary>
    public const long ScanRange = 250_000;

    /// <summary>At most this many of the newest results are looked at for one page.</summary>
    public const long ScanLimit = 5_000_000;

    private static string SourceOf(string agentId, Estate estate) => estate.FindHost(agentId)?.Name ?? agentId;

    /// <summary>Probe ids are "flow/target/port": show "target:port".</summary>
    internal static string TargetOf(string probeId)
    {
        var parts = probeId.Split('/');
        return parts.Length == 3 ? $"{parts[1]}:{parts[2]}" : probeId;
    }
}
