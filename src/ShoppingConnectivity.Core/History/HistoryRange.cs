namespace ShoppingConnectivity.Core.History;

/// <summary>A history query's period as read from its parameters, with every problem found (empty: valid).</summary>
public sealed record HistoryRange(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
