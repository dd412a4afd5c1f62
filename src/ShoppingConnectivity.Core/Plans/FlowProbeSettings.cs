namespace ShoppingConnectivity.Core.Plans;

/// <summary>One flow's own timeout and interval; null keeps the default.</summary>
public sealed record FlowProbeSettings(int? TimeoutMs, int? IntervalSeconds);
