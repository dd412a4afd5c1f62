using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.History;

/// <summary>Folds results into per-edge buckets of one resolution.</summary>
public sealed class RollupBuilder(RollupResolution resolution)
{
    private readonly Dictionary<(string FlowId, DateTimeOffset Start), RollupBucket> _buckets = [];

    public RollupResolution Resolution => resolution;

    public IReadOnlyCollection<RollupBucket> Buckets => _buckets.Values;

    public void Add(string flowId, DateTimeOffset at, ProbeOutcome outcome, double? latencyMs, bool degraded)
    {
        var start = RollupBucket.StartOf(at, resolution);
        if (!_buckets.TryGetValue((flowId, start), out var bucket))
        {
            bucket = new RollupBucket(flowId, start);
            _buckets[(flowId, start)] = bucket;
        }

        bucket.Add(outcome, latencyMs, degraded);
    }
}
