using ShoppingConnectivity.Central.Live;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>One group's transaction. Nothing is visible to anyone until <see cref="CommitAsync"/> returns.</summary>
public interface IIngestionTransaction : IAsyncDisposable
{
    /// <summary>
    /// Records each batch id; false for a batch already stored (by an earlier group, or by another central node
    /// sharing the database): that batch is a duplicate and must not be written again.
    /// </summary>
    ValueTask<bool[]> ClaimBatchesAsync(IReadOnlyList<BatchClaim> batches, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    /// <summary>
    /// The stored links among these (agent, probe) keys, to be changed in this transaction (with several writers, the
    /// rows are locked until the commit). Only the links the group touches: a server agent probing every client has
    /// tens of thousands, and a batch of it touches a few hundred.
    /// </summary>
    ValueTask<IReadOnlyList<LinkRecord>> LoadLinksAsync(IReadOnlyCollection<(string AgentId, string ProbeId)> keys, CancellationToken cancellationToken);

    ValueTask InsertResultsAsync(IReadOnlyList<ResultRow> results, DateTimeOffset receivedAt, CancellationToken cancellationToken);

    ValueTask InsertTransitionsAsync(IReadOnlyList<TransitionRecord> transitions, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the given links (only the ones the group touched).</summary>
    ValueTask UpsertLinksAsync(IReadOnlyCollection<LinkRecord> links, CancellationToken cancellationToken);

    /// <summary>Marks the agents as seen (their LastSeenAt).</summary>
    ValueTask TouchAgentsAsync(IReadOnlyCollection<string> agentIds, DateTimeOffset at, CancellationToken cancellationToken);

    ValueTask CommitAsync(CancellationToken cancellationToken);
}
