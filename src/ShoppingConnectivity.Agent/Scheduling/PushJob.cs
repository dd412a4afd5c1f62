using System.Net;
using ShoppingConnectivity.Agent.Central;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>
/// Sends the outbox to central, oldest batch first; a batch leaves the outbox only when central acknowledged it
/// (after its commit). A batch re-sent after a failure or a restart keeps its id, so central stores it once.
/// </summary>
public sealed class PushJob(CentralClient central, ResultQueue queue, ILogger<PushJob> logger) : IRecurringJob
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (queue.Peek() is { } batch)
            {
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
                    return;
                }

                queue.Acknowledge(batch.BatchId);
            }
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException or InvalidOperationException) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Central did not take the results ({Queued} waiting in the outbox): {Reason}", queue.Count, ex.Message);
        }
    }
}
