namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>How the batching writer groups agents' batches into transactions and how much it queues ("Central:Ingestion").</summary>
public sealed class IngestionOptions
{
    public const string Section = "Central:Ingestion";

    /// <summary>
    /// Results waiting for the writer, at most. Past it an agent gets 503 with Retry-After and sends again later from
    /// its outbox, rather than central's memory growing without limit during a burst.
    /// </summary>
    public int MaxQueuedResults { get; set; } = 200_000;

    /// <summary>Results written in one transaction (one group commit), at most; a single batch larger than this is its own group.</summary>
    public int MaxGroupResults { get; set; } = 20_000;

    /// <summary>
    /// How long the writer may wait for more batches once a group has begun, before it writes it. 0: it takes what is
    /// queued and writes at once (batches pile up behind a commit anyway, so groups grow with the load).
    /// </summary>
    public int MaxGroupWaitMilliseconds { get; set; }
}
