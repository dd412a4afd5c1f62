namespace ShoppingConnectivity.Central.Alerts;

public sealed record AlertMailView(
    long MessageId,
    string Kind,
    string Subject,
    IReadOnlyList<string> Recipients,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset? SentAt,
    string? ServerResponse);
