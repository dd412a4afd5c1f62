namespace ShoppingConnectivity.Core.History;

/// <summary>One flow's availability over a period, against a target such as 99.9%.</summary>
public sealed record AvailabilityRow(
    string FlowId,
    long Probes,
    long Failed,
    double? UptimePercent,
    double TargetPercent,
    bool? Met,
    int Outages,
    TimeSpan LongestOutage,
    TimeSpan TotalOutage);

public static class Availability
{
    /// <summary>
    /// Uptime is the share of probe runs that found the flow reachable (as synthetic monitoring measures it);
    /// a flow nobody probed has no uptime (null), not 100%.
    /// </summary>
    public static AvailabilityRow For(string flowId, IEnumerable<RollupBucket> buckets, IReadOnlyList<EdgeOutage> outages,
        double targetPercent, DateTimeOffset periodEnd)
    {
        long total = 0, reachable = 0;
        foreach (var bucket in buckets)
        {
            total += bucket.Total;
            reachable += bucket.Reachable;
        }

        double? uptime = total == 0 ? null : 100.0 * reachable / total;
        var durations = outages.Select(o => o.DurationUntil(periodEnd)).ToList();
        return new AvailabilityRow(
            flowId,
            total,
            total - reachable,
            uptime,
            targetPercent,
            uptime is { } u ? u >= targetPercent : null,
            outages.Count,
            durations.Count == 0 ? TimeSpan.Zero : durations.Max(),
            durations.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }
}
