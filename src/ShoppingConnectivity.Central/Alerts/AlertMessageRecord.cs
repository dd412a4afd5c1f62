namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// An alert mail in the outbox. It stays Pending and is retried with backoff until the SMTP server takes it (Sent);
/// nothing is dropped. NoRecipients: no address is configured for its edges. Held: the SMTP server refused central's
/// login (or offers none while a user is set); trying again with the same login would fail the same way (and may lock
/// the account), so it waits for a person to fix the settings and send it again. NoRecipients and Held mails show on
/// the alerts and SMTP pages until then.
/// </summary>
public sealed class AlertMessageRecord
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";
    public const string NoRecipients = "NoRecipients";
    public const string Held = "Held";

    /// <summary>The statuses that wait for a person (a fix, then "send again") rather than for the server.</summary>
    public static readonly IReadOnlyList<string> NeedsPerson = [NoRecipients, Held];

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
