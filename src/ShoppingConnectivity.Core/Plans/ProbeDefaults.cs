namespace ShoppingConnectivity.Core.Plans;

/// <summary>Timeout and interval of every probe, with per-flow overrides (settings Central:Probes:Flows:{flowId}).</summary>
public sealed record ProbeDefaults(int TimeoutMs, int IntervalSeconds, IReadOnlyDictionary<string, FlowProbeSettings>? Flows = null)
{
    public static ProbeDefaults Standard { get; } = new(3000, 60);

    public (int TimeoutMs, int IntervalSeconds) For(string flowId)
    {
        var own = Flows?.GetValueOrDefault(flowId);
        return (own?.TimeoutMs ?? TimeoutMs, own?.IntervalSeconds ?? IntervalSeconds);
    }
}
