using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Core.Tests.History;

public class RollupTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void StartOf_Minute_And_Hour_CutToTheBucketInUtc()
    {
        var at = new DateTimeOffset(2026, 11, 25, 11, 42, 37, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 42, 0, TimeSpan.Zero), RollupBucket.StartOf(at, RollupResolution.Minute));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), RollupBucket.StartOf(at, RollupResolution.Hour));
    }

    [Fact]
    public void Builder_ResultsOfTwoMinutes_CountByOutcomeInTheirOwnBuckets()
    {
        var builder = new RollupBuilder(RollupResolution.Minute);

        builder.Add("f", T0.AddSeconds(5), ProbeOutcome.Reachable, 10, false);
        builder.Add("f", T0.AddSeconds(50), ProbeOutcome.TimedOut, null, false);
        builder.Add("f", T0.AddSeconds(65), ProbeOutcome.Reachable, 30, true);

        var buckets = builder.Buckets.OrderBy(b => b.Start).ToList();
        Assert.Equal(2, buckets.Count);
        Assert.Equal((2L, 1L, 1L), (buckets[0].Total, buckets[0].Reachable, buckets[0].CountOf(ProbeOutcome.TimedOut)));
        Assert.Equal((1L, 1L), (buckets[1].Total, buckets[1].Degraded));
    }

    [Fact]
    public void Bucket_Latencies_GiveMinAvgMaxAndAP95WithinOneHistogramStep()
    {
        var bucket = new RollupBucket("f", T0);
        for (var ms = 1; ms <= 100; ms++) bucket.Add(ProbeOutcome.Reachable, ms, false);

        Assert.Equal(1, bucket.LatencyMin);
        Assert.Equal(100, bucket.LatencyMax);
        Assert.Equal(50.5, bucket.LatencyAvg);
        Assert.InRange(bucket.LatencyP95!.Value, 95, 95 * 1.25);
    }

    [Fact]
    public void Bucket_FailedRuns_DoNotCountTowardsLatency()
    {
        var bucket = new RollupBucket("f", T0);
        bucket.Add(ProbeOutcome.Reachable, 5, false);
        bucket.Add(ProbeOutcome.Refused, 0.2, false);

        Assert.Equal((5.0, 5.0, 1L), (bucket.LatencyMin!.Value, bucket.LatencyMax!.Value, bucket.LatencyCount));
    }

    [Fact]
    public void Merge_TwoHalves_EqualsOneBucketOfEverything()
    {
        var whole = new RollupBucket("f", T0);
        var first = new RollupBucket("f", T0);
        var second = new RollupBucket("f", T0);
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var outcome = i % 10 == 0 ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable;
            var ms = random.NextDouble() * 200;
            whole.Add(outcome, ms, i % 50 == 0);
            (i % 2 == 0 ? first : second).Add(outcome, ms, i % 50 == 0);
        }

        first.Merge(second);

        Assert.Equal(whole.Total, first.Total);
        Assert.Equal(whole.CountOf(ProbeOutcome.TimedOut), first.CountOf(ProbeOutcome.TimedOut));
        Assert.Equal(whole.Degraded, first.Degraded);
        Assert.Equal(whole.LatencyMin, first.LatencyMin);
        Assert.Equal(whole.LatencyMax, first.LatencyMax);
        Assert.Equal(whole.LatencySum, first.LatencySum, 6);
        Assert.Equal(whole.LatencyP95, first.LatencyP95);
    }

    [Fact]
    public void Histogram_SerializeAndParse_RoundTrip()
    {
        var histogram = new LatencyHistogram();
        foreach (var ms in new[] { 0.05, 1, 1, 12, 250, 99_999, 1e9 }) histogram.Add(ms);

        var parsed = LatencyHistogram.Parse(histogram.Serialize());

        Assert.Equal(histogram.Count, parsed.Count);
        Assert.Equal(histogram.Serialize(), parsed.Serialize());
        Assert.Equal(histogram.Percentile(0.5), parsed.Percentile(0.5));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("3:")]
    [InlineData("99:1")]
    [InlineData("2:-1")]
    public void Histogram_ParseGarbage_ThrowsNamingThePair(string text)
    {
        var ex = Assert.Throws<FormatException>(() => LatencyHistogram.Parse(text));

        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_Empty_HasNoPercentile() => Assert.Null(new LatencyHistogram().Percentile(0.95));
}
