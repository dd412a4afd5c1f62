namespace ShoppingConnectivity.Central.Alerts;

public sealed record AlertEventView(DateTimeOffset At, string Kind, string Text);
