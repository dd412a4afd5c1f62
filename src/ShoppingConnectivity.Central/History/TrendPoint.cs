namespace ShoppingConnectivity.Central.History;

/// <summary>One point of a trend: the results of one step of time, merged.</summary>
public sealed record TrendPoint(DateTimeOffset Start, long Total, long Reachable, double? UptimePercent, double? LatencyP95, double? LatencyAvg, double? LatencyMin, double? LatencyMax);
