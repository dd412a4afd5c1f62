using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>Between stored rollup rows and Core's mergeable buckets.</summary>
public static class RollupMapping
{
    public static RollupBucket ToBucket(RollupRecord row)
    {
        var bucket = new RollupBucket(row.FlowId, row.BucketStart);
        AddTo(bucket, row);
        return bucket;
    }

    /// <summary>Adds a stored row into a bucket (of a trend point, say) with no allocation but the parse of its histogram.</summary>
    public static void AddTo(RollupBucket bucket, RollupRecord row)
    {
        bucket.Add(ProbeOutcome.Reachable, row.Reachable);
        bucket.Add(ProbeOutcome.Refused, row.Refused);
        bucket.Add(ProbeOutcome.TimedOut, row.TimedOut);
        bucket.Add(ProbeOutcome.DnsFailed, row.DnsFailed);
        bucket.Add(ProbeOutcome.Unreachable, row.Unreachable);
        bucket.Add(ProbeOutcome.ProtocolError, row.ProtocolError);
        bucket.Add(ProbeOutcome.Error, row.Error);
        bucket.MergeLatency(row.Degraded, row.LatencyMin, row.LatencyMax, row.LatencySum, row.LatencyCount);
        bucket.Histogram.AddSerialized(row.Histogram);
    }

    public static Dictionary<ProbeOutcome, long> CountsOf(RollupRecord row) => new()
    {
        [ProbeOutcome.Reachable] = row.Reachable,
        [ProbeOutcome.Refused] = row.Refused,
        [ProbeOutcome.TimedOut] = row.TimedOut,
        [ProbeOutcome.DnsFailed] = row.DnsFailed,
        [ProbeOutcome.Unreachable] = row.Unreachable,
        [ProbeOutcome.ProtocolError] = row.ProtocolError,
        [ProbeOutcome.Error] = row.Error,
    };

    public static void CopyTo(RollupBucket bucket, RollupRecord row)
    {
        row.Reachable = bucket.CountOf(ProbeOutcome.Reachable);
        row.Refused = bucket.CountOf(ProbeOutcome.Refused);
        row.TimedOut = bucket.CountOf(ProbeOutcome.TimedOut);
        row.DnsFailed = bucket.CountOf(ProbeOutcome.DnsFailed);
        row.Unreachable = bucket.CountOf(ProbeOutcome.Unreachable);
        row.ProtocolError = bucket.CountOf(ProbeOutcome.ProtocolError);
        row.Error = bucket.CountOf(ProbeOutcome.Error);
        row.Degraded = bucket.Degraded;
        row.LatencyMin = bucket.LatencyMin;
        row.LatencyMax = bucket.LatencyMax;
        row.LatencySum = bucket.LatencySum;
        row.LatencyCount = bucket.LatencyCount;
        row.Histogram = bucket.Histogram.Serialize();
    }
}
