namespace ShoppingConnectivity.Core.Alerts;

/// <summary>Every flow's alert plus the open digest: notices wait in it for the grouping window, then go out together.</summary>
public sealed record AlertBoardState(IReadOnlyDictionary<string, FlowAlertState> Flows, DateTimeOffset? DigestOpenedAt)
{
    public static AlertBoardState Empty { get; } = new(new Dictionary<string, FlowAlertState>(StringComparer.Ordinal), null);
}
