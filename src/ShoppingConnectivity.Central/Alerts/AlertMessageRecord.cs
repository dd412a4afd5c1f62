namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// An alert mail in the outbox. It stays Pending and is retried with backoff until the SMTP server takes it (Sent);
/// nothing is dropped. NoRecipients: no address is configured for its edges.
/// </summary>
public sealed class AlertMessageRecord
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";
    public const string NoRecipients = "NoRecipients";

    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Kinds { get; set; }
    public required string Recipients { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ServerResponse { get; set; }
    public List<AlertMessageAlert> Alerts { get; set; } = [];
}
