using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>One point of a trend: the results of one step of time, merged.</summary>
public sealed record TrendPoint(DateTimeOffset Start, long Total, long Reachable, double? UptimePercent, double? LatencyP95, double? LatencyAvg, double? LatencyMin, double? LatencyMax);
