using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Ingestion;

public sealed record IngestionOutcome(IngestionStatus Status, ResultBatchAccepted? Accepted, TimeSpan RetryAfter, string? Error)
{
    public static IngestionOutcome Stored(ResultBatchAccepted accepted) => new(IngestionStatus.Stored, accepted, TimeSpan.Zero, null);

    public static IngestionOutcome Busy(TimeSpan retryAfter) => new(IngestionStatus.Busy, null, retryAfter, null);

    public static IngestionOutcome Unavailable(TimeSpan retryAfter, string error) => new(IngestionStatus.Unavailable, null, retryAfter, error);

    public static IngestionOutcome Failed(string error) => new(IngestionStatus.Failed, null, TimeSpan.Zero, error);
}
