namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>
/// A chat or webhook message in the outbox, queued in the evaluation's transaction next to the mail. Pending until the
/// endpoint takes it (Sent), retried with backoff and in order per channel; Held when the endpoint refused it (a 4xx
/// other than 408 and 429) or its channel is gone from the settings: sending it again unchanged would be refused again,
/// so it waits for a person to fix the channel and send it again.
/// </summary>
public sealed class ChannelMessageRecord
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";
    public const string Held = "Held";

    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChannelKind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The notice kinds in it ("Broken,Recovered").</summary>
    public required string Kinds { get; set; }

    /// <summary>The alerts it tells about, by id ("12,13"), for the pages' links.</summary>
    public required string AlertIds { get; set; }

    public required string Subject { get; set; }
    public required string Payload { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The HTTP status of the last answer; null: no answer (connection refused, reset, timeout).</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>The start of the last answer's body.</summary>
    public string? LastAnswer { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
