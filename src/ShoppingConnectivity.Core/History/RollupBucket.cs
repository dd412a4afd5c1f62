using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.History;

/// <summary>
/// One edge's results in one time bucket: counts by outcome and latency min / sum / max with a histogram for the p95.
/// Mergeable, so late results land in the bucket of their own time whenever they arrive.
/// </summary>
public sealed class RollupBucket
{
    private static readonly int Outcomes = Enum.GetValues<ProbeOutcome>().Length;
    private readonly long[] _counts = new long[Outcomes];

    public RollupBucket(string flowId, DateTimeOffset start)
    {
        FlowId = flowId;
        Start = start;
    }

    public string FlowId { get; }
    public DateTimeOffset Start { get; }
    public long Degraded { get; set; }
    public double? LatencyMin { get; private set; }
    public double? LatencyMax { get; private set; }
    public double LatencySum { get; private set; }
    public long LatencyCount { get; private set; }
    public LatencyHistogram Histogram { get; private set; } = new();

    public long Total => _counts.Sum();
    public long Reachable => _counts[(int)ProbeOutcome.Reachable];
    public long Failed => Total - Reachable;
    public long CountOf(ProbeOutcome outcome) => _counts[(int)outcome];
    public double? LatencyAvg => LatencyCount == 0 ? null : LatencySum / LatencyCount;

    /// <summary>The p95 from the histogram, kept inside the true min and max.</summary>
    public double? LatencyP95 => Histogram.Percentile(0.95) is { } p ? Math.Clamp(p, LatencyMin ?? p, LatencyMax ?? p) : null;

    public static DateTimeOffset StartOf(DateTimeOffset at, RollupResolution resolution)
    {
        var utc = at.ToUniversalTime();
        var ticks = resolution == RollupResolution.Minute ? TimeSpan.TicksPerMinute : TimeSpan.TicksPerHour;
        return new DateTimeOffset(utc.UtcTicks - utc.UtcTicks % ticks, TimeSpan.Zero);
    }

    public void Add(ProbeOutcome outcome, double? latencyMs, bool degraded)
    {
        _counts[(int)outcome]++;
        if (degraded) Degraded++;
        if (latencyMs is { } ms && outcome == ProbeOutcome.Reachable)
        {
            LatencyMin = LatencyMin is { } min ? Math.Min(min, ms) : ms;
            LatencyMax = LatencyMax is { } max ? Math.Max(max, ms) : ms;
            LatencySum += ms;
            LatencyCount++;
            Histogram.Add(ms);
        }
    }

    /// <summary>Adds counts read back from storage (or another bucket) to this one.</summary>
    public void Merge(IReadOnlyDictionary<ProbeOutcome, long> counts, long degraded, double? min, double? max, double sum, long latencyCount, LatencyHistogram histogram)
    {
        foreach (var (outcome, count) in counts) _counts[(int)outcome] += count;
        Degraded += degraded;
        if (min is { } m) LatencyMin = LatencyMin is { } a ? Math.Min(a, m) : m;
        if (max is { } x) LatencyMax = LatencyMax is { } b ? Math.Max(b, x) : x;
        LatencySum += sum;
        LatencyCount += latencyCount;
        Histogram.Merge(histogram);
    }

    public void Merge(RollupBucket other)
    {
        for (var i = 0; i < _counts.Length; i++) _counts[i] += other._counts[i];
        MergeLatency(other.Degraded, other.LatencyMin, other.LatencyMax, other.LatencySum, other.LatencyCount);
        Histogram.Merge(other.Histogram);
    }

    /// <summary>Adds one stored row's figures without building a bucket for it (trends read tens of thousands of rows).</summary>
    public void Add(ProbeOutcome outcome, long count)
    {
        _counts[(int)outcome] += count;
    }

    public void MergeLatency(long degraded, double? min, double? max, double sum, long latencyCount)
    {
        Degraded += degraded;
        if (min is { } m) LatencyMin = LatencyMin is { } a ? Math.Min(a, m) : m;
        if (max is { } x) LatencyMax = LatencyMax is { } b ? Math.Max(b, x) : x;
        LatencySum += sum;
        LatencyCount += latencyCount;
    }
}
