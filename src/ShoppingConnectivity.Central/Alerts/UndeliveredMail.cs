namespace ShoppingConnectivity.Central.Alerts;

/// <summary>A mail not sent (yet): waiting for the server, held after a refused login, or without recipients.</summary>
public sealed record UndeliveredMail(
    long MessageId,
    DateTimeOffset CreatedAt,
    string Subject,
    string Recipients,
    string Status,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    IReadOnlyList<long> AlertIds)
{
    /// <summary>Only a person can get it out: fix the settings, then send it again.</summary>
    public bool NeedsPerson => AlertMessageRecord.NeedsPerson.Contains(Status);
}
