namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// The database side of the batching writer: one transaction per group of batches, written with the provider's bulk
/// path (SQLite: prepared inserts under one write lock; PostgreSQL: COPY, ON CONFLICT and row locks). The writer decides what to write;
/// the store only writes it fast and atomically.
/// </summary>
public interface IIngestionStore : IAsyncDisposable
{
    /// <summary>Starts the group's transaction, taking the write lock at once (SQLite: BEGIN IMMEDIATE).</summary>
    ValueTask<IIngestionTransaction> BeginAsync(CancellationToken cancellationToken);
}
