namespace ShoppingConnectivity.Central.Alerts;

public sealed record OutboxSummary(int Pending, DateTimeOffset? OldestAt, string? LastError, DateTimeOffset? NextAttemptAt);
