namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// One page of the alert list: filters (state, flow, a host its links name, text in its edge, links, outcome or
/// acknowledgement), the sort and the page; all applied in the database.
/// </summary>
public sealed record AlertQuery(
    AlertStateFilter State = AlertStateFilter.All,
    string? FlowId = null,
    string? Host = null,
    string? Text = null,
    AlertSort Sort = AlertSort.State,
    bool Descending = false,
    int Skip = 0,
    int Take = 25)
{
    /// <summary>The most rows one page reads.</summary>
    public const int MaxTake = 500;
}
