using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>An edge's (or, with no flow, the whole estate's) trend over a range.</summary>
public sealed record Trend(
    string? FlowId,
    DateTimeOffset From,
    DateTimeOffset To,
    RollupResolution Resolution,
    TimeSpan Step,
    IReadOnlyList<TrendPoint> Points,
    long Total,
    double? UptimePercent,
    double? LatencyP95,
    IReadOnlyList<EdgePeriod> Outages);
