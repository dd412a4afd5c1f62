namespace ShoppingConnectivity.Core.History;

/// <summary>One flow's availability over a period, against a target such as 99.9%; outages are its broken (red) periods.</summary>
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
