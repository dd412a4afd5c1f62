namespace ShoppingConnectivity.Core.History;

public static class Availability
{
    /// <summary>
    /// Uptime is the share of probe runs that found the flow reachable (as synthetic monitoring measures it);
    /// a flow nobody probed has no uptime (null), not 100%.
    /// </summary>
    public static AvailabilityRow For(string flowId, IEnumerable<RollupBucket> buckets, IReadOnlyList<EdgePeriod> outages,
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
