using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.Ingestion;

/// <summary>A link's state after a group of results, and its alert streak with those results counted.</summary>
public sealed record LinkUpdate(LinkSnapshot Link, LinkStreakWindow Streak);
