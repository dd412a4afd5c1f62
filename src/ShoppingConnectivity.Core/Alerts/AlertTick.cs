namespace ShoppingConnectivity.Core.Alerts;

/// <summary>The board after one evaluation, what happened, and the notices to mail now.</summary>
public sealed record AlertTick(AlertBoardState State, IReadOnlyList<AlertEvent> Events, IReadOnlyList<AlertNotice> Notices);
