using System.Net;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Upstream;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>
/// Sends the outbox to central, oldest batch first; a batch leaves the outbox only when central acknowledged it
/// (after its commit). A batch re-sent after a failure or a restart keeps its id, so central stores it once.
/// <see cref="PushScheduler"/> decides when.
/// </summary>
public sealed class PushJob(CentralClient central, ResultQueue queue, ILogger<PushJob> logger)
{
    /// <returns>False when central could not be reached or did not acknowledge: the results stay for the next try.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var sent = 0; ; sent++)
            {
                if (sent > 0)
                {
                    // Fresh results that change nothing wait for the next push; a backlog (or an urgent result) goes on,
                    // read from disk on a pool thread: central's answer arrived on the socket engine's thread, and
                    // probes' sockets must not wait behind the outbox.
                    if (!queue.Pending.Urgent) return true;
                    await Task.Yield();
                }

                if (queue.Peek() is not { } batch) return true;
                ResultBatchAccepted accepted;
                try
                {
                    accepted = await central.PostResultsAsync(new ResultBatch(batch.BatchId, batch.Results), cancellationToken);
                }
                catch (HttpRequestException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
                {
                    // Central's validation refused the data itself (unknown flow, too old...): sending it again cannot
                    // help, and keeping it would hold up every result behind it.
                    var dropped = queue.Discard(batch.BatchId);
                    logger.LogError("Central refused batch {BatchId}; its {Count} results are dropped: {Reason}", batch.BatchId, dropped, ex.Message);
                    continue;
                }

                if (accepted.BatchId != batch.BatchId)
                {
                    logger.LogWarning("Central acknowledged batch {Answered} for batch {BatchId}; sending it again later.", accepted.BatchId, batch.BatchId);
                    return false;
                }

                queue.Acknowledge(batch.BatchId);
                // Debug: what an operator (or a test) needs to match the outbox against central's store.
                logger.LogDebug("Central acknowledged batch {BatchId}: {Count} results, duplicate {Duplicate}.", batch.BatchId, batch.Results.Count, accepted.Duplicate);
            }
        }
        catch (Exception ex) when ((ex is HttpRequestException or OperationCanceledException or InvalidOperationException) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Central did not take the results ({Queued} waiting in the outbox): {Reason}", queue.Count, ex.Message);
            return false;
        }
    }
}
