namespace ShoppingConnectivity.Central;

/// <summary>One flow's own probe timeout and interval.</summary>
public sealed class FlowProbeOptions
{
    public int? TimeoutMs { get; set; }

    public int? IntervalSeconds { get; set; }
}
