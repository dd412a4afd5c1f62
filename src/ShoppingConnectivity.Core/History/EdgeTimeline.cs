using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.History;

public static class EdgeTimeline
{
    public const int FailingLinkSample = 20;

    /// <summary>
    /// When the edge took its colour: the newest change among the links that made it (a batch an agent delivers
    /// late from its outbox must not date an outage to its arrival); for "no data", when the last link went silent.
    /// </summary>
    public static DateTimeOffset ChangedAt(EdgeState edge, IReadOnlyCollection<LinkSnapshot> links, DateTimeOffset now, EdgeThresholds thresholds)
    {
        if (links.Count == 0) return now;
        DateTimeOffset at;
        if (edge.Colour == EdgeColour.Grey)
        {
            at = links.Max(thresholds.SilentAt);
        }
        else
        {
            var fresh = links.Where(l => !EdgeAggregator.IsStale(l, now, thresholds)).ToList();
            at = fresh.Count == 0 ? now : fresh.Max(l => l.Since);
        }

        return at > now ? now : at;
    }

    /// <summary>A sample of the failing links of an edge, worst first, for the change record.</summary>
    public static IReadOnlyList<string> FailingSample(IEnumerable<LinkSnapshot> links, DateTimeOffset now, EdgeThresholds thresholds) =>
        links.Where(l => l.Outcome != ProbeOutcome.Reachable && !EdgeAggregator.IsStale(l, now, thresholds))
            .OrderBy(l => l.Since)
            .Take(FailingLinkSample)
            .Select(l => $"{l.AgentId} \u2192 {l.TargetHost}:{l.Port} {l.Outcome}")
            .ToList();

    /// <summary>
    /// The red and amber periods of each edge in [from, to]. <paramref name="changes"/> must hold each edge's last
    /// change before <paramref name="from"/> (its colour when the range opens) and every change inside the range.
    /// </summary>
    public static IReadOnlyList<EdgePeriod> Periods(IEnumerable<EdgeChange> changes, DateTimeOffset from, DateTimeOffset to)
    {
        var periods = new List<EdgePeriod>();
        foreach (var edge in changes.GroupBy(c => c.FlowId, StringComparer.Ordinal))
        {
            EdgeChange? open = null;
            DateTimeOffset openedAt = default;
            foreach (var change in edge.OrderBy(c => c.At))
            {
                if (change.At > to) break;
                var at = change.At < from ? from : change.At;
                if (open is not null && change.To != open.To)
                {
                    periods.Add(Period(open, openedAt, at));
                    open = null;
                }

                if (open is null && change.To is EdgeColour.Red or EdgeColour.Amber)
                {
                    open = change;
                    openedAt = at;
                }
            }

            if (open is not null) periods.Add(Period(open, openedAt, null));
        }

        return periods.OrderByDescending(p => p.Start).ToList();
    }

    /// <summary>Each edge's colour at <paramref name="at"/>: its last change by then (grey when it had none).</summary>
    public static IReadOnlyDictionary<string, EdgeChange> ColoursAt(IEnumerable<EdgeChange> changes, DateTimeOffset at) =>
        changes.Where(c => c.At <= at)
            .GroupBy(c => c.FlowId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.At)!, StringComparer.Ordinal);

    private static EdgePeriod Period(EdgeChange change, DateTimeOffset start, DateTimeOffset? end) =>
        new(change.FlowId, change.To, start, end, change.Counts, change.FailingLinks, change.Summary);
}
