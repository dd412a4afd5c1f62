namespace ShoppingConnectivity.Core.History;

/// <summary>
/// Latencies counted in log-scaled buckets (each 25% wider than the one before, 0.1 ms to ~2 min), so a p95 can be
/// read from a rollup and rollups can be merged (minutes into hours, late results into old buckets) without keeping
/// every sample: the way monitoring systems keep percentiles at scale. Error of a percentile: within one bucket (~12%).
/// </summary>
public sealed class LatencyHistogram
{
    public const int BucketCount = 64;
    private const double Smallest = 0.1;
    private const double Growth = 1.25;
    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public void Add(double latencyMs)
    {
        _counts[BucketOf(latencyMs)]++;
        Count++;
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++) _counts[i] += other._counts[i];
        Count += other.Count;
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="quantile"/>th sample; null when empty.</summary>
    public double? Percentile(double quantile)
    {
        if (Count == 0) return null;
        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= Math.Max(1, rank)) return UpperEdge(i);
        }

        return UpperEdge(BucketCount - 1);
    }

    internal static int BucketOf(double latencyMs)
    {
        if (!(latencyMs > Smallest)) return 0;
        var index = (int)Math.Ceiling(Math.Log(latencyMs / Smallest) / LogGrowth);
        return Math.Clamp(index, 0, BucketCount - 1);
    }

    internal static double UpperEdge(int bucket) => Smallest * Math.Pow(Growth, bucket);

    /// <summary>Compact form for storage: "index:count" pairs of the non-empty buckets.</summary>
    public string Serialize() => string.Join(',', _counts.Select((c, i) => (c, i)).Where(x => x.c > 0).Select(x => $"{x.i}:{x.c}"));

    public static LatencyHistogram Parse(string? text)
    {
        var histogram = new LatencyHistogram();
        histogram.AddSerialized(text);
        return histogram;
    }

    /// <summary>Adds the counts of a serialized histogram to this one, without an intermediate histogram.</summary>
    public void AddSerialized(string? text)
    {
        var histogram = this;
        if (string.IsNullOrEmpty(text)) return;
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0
                || !int.TryParse(pair.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture, out var index)
                || !long.TryParse(pair.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var count)
                || index is < 0 or >= BucketCount || count < 0)
            {
                throw new FormatException($"'{pair}' is not a latency histogram bucket (index:count).");
            }

            histogram._counts[index] += count;
            histogram.Count += count;
        }
    }
}
