namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// The database side of the batching writer: one transaction per group of batches, written with the provider's bulk
/// path (SQLite: prepared inserts under one write lock; PostgreSQL: COPY, ON CONFLICT and row locks). The writer decides what to write;
/// the store only writes it fast and atomically.
/// </summary>
public interface IIngestionStore : IAsyncDisposable
{
    /// <summary>
    /// Whether this central's writer is the only one that writes links to this database (SQLite: one central per file).
    /// The writer then keeps the links it committed in memory instead of reading them back for every group; with
    /// several nodes on one database (PostgreSQL) another node may have written a link since, so it reads them.
    /// </summary>
    bool SoleWriter => false;

    /// <summary>Starts the group's transaction, taking the write lock at once (SQLite: BEGIN IMMEDIATE).</summary>
    ValueTask<IIngestionTransaction> BeginAsync(CancellationToken cancellationToken);
}
