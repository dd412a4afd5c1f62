namespace ShoppingConnectivity.Central.Alerts;

/// <summary>An alert's last mail on the alert list: its status (Pending, Sent, NoRecipients, Held), when, and why not.</summary>
public sealed record AlertRowMail(long MessageId, string Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt, string? LastError);
