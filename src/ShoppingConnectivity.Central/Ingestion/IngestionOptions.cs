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
    /// How long the writer may wait for more batches once a small group has begun (fewer than
    /// <see cref="IngestionWriter.WaitBelowResults"/> results), before it writes it. At an ordinary rate a commit per
    /// agent's batch costs more than the batch: waiting 100 ms cut central's CPU per result by about a sixth at 1,000
    /// results/s. Under load groups grow by themselves (batches queue behind a commit) and nothing waits. 0: write what
    /// is queued at once.
    /// </summary>
    public int MaxGroupWaitMilliseconds { get; set; } = 100;
}
