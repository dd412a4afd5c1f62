using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.History;

/// <summary>The diagram as it was at a past moment, rebuilt from transitions.</summary>
public sealed record Replay(DateTimeOffset At, IReadOnlyList<EdgeState> Edges, int Links);
