namespace ShoppingConnectivity.Core.Alerts;

public sealed record AlertEvent(string AlertKey, string FlowId, AlertEventKind Kind, DateTimeOffset At, string Text);
