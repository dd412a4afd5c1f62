using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>Turns the links of one flow into the edge's colour, counts and summary.</summary>
public static class EdgeAggregator
{
    public static EdgeAggregate Aggregate(
        Flow flow,
        bool enabled,
        IReadOnlyCollection<LinkSnapshot> links,
        DateTimeOffset now,
        EdgeThresholds thresholds,
        string? missing = null)
    {
        var counts = new Dictionary<ProbeOutcome, int>();
        var stale = 0;
        var degraded = 0;
        DegradedCause? cause = null;
        foreach (var link in links)
        {
            if (IsStale(link, now, thresholds))
            {
                stale++;
                continue;
            }

            counts[link.Outcome] = counts.GetValueOrDefault(link.Outcome) + 1;
            if (link.Degraded && link.Outcome == ProbeOutcome.Reachable)
            {
                degraded++;
                var why = DegradedCause.Of(link.Detail, now);
                if (cause is null || why.Urgency < cause.Urgency) cause = why;
            }
        }

        if (!enabled)
        {
            return new(EdgeColour.Off, $"off: {flow.Condition ?? "switched off"}", counts, stale, degraded);
        }

        var fresh = counts.Values.Sum();
        if (fresh == 0)
        {
            // No host at one end: there will never be a result. (Fresh results of a host just removed from the estate
            // are still true, so they are shown until they go silent.)
            if (missing is not null) return new(EdgeColour.Absent, $"{EdgeState.NotInEstate}: {missing}", counts, stale, degraded);
            var why = links.Count == 0 ? "no results yet" : $"{stale} link(s) silent";
            return new(EdgeColour.Grey, why, counts, stale, degraded);
        }

        var reachable = counts.GetValueOrDefault(ProbeOutcome.Reachable);
        var failing = fresh - reachable;
        var colour = ColourOf(flow, fresh, failing, degraded, thresholds);

        var summary = $"{reachable:N0} / {fresh:N0} reachable";
        if (failing > 0)
        {
            summary += ": " + string.Join(", ", counts
                .Where(c => c.Key != ProbeOutcome.Reachable)
                .OrderByDescending(c => c.Value)
                .Select(c => $"{c.Value:N0} {c.Key}"));
        }

        if (degraded > 0) summary += $" ({degraded:N0} degraded: {cause!.Text})";
        if (stale > 0) summary += $" ({stale:N0} silent)";
        return new(colour, summary, counts, stale, degraded) { Cause = cause?.Text };
    }

    /// <summary>
    /// The colour of <paramref name="fresh"/> links (more than none) of an enabled flow, <paramref name="failing"/> of them
    /// failing and <paramref name="degraded"/> reachable but degraded: red, amber or green. Also what a part of the edge
    /// (one host's links) is judged by.
    /// </summary>
    public static EdgeColour ColourOf(Flow flow, int fresh, int failing, int degraded, EdgeThresholds thresholds) =>
        thresholds.IsBroken(flow.IsClientFlow, failing, fresh) ? EdgeColour.Red
        : thresholds.IsPartial(flow.IsClientFlow, failing, fresh) || degraded > 0 ? EdgeColour.Amber
        : EdgeColour.Green;

    /// <summary>Silent (grey): nothing from the link for StaleAfterIntervals of its interval, counted as <see cref="EdgeThresholds.SilentAt"/> says.</summary>
    public static bool IsStale(LinkSnapshot link, DateTimeOffset now, EdgeThresholds thresholds) =>
        now > thresholds.SilentAt(link);
}
