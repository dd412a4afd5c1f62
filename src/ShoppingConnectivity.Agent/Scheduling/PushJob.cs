using Microsoft.Extensions.Options;
using Quartz;
using ShoppingConnectivity.Agent.Central;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>Sends queued results to central in batches; a batch leaves the queue only when central acknowledged it.</summary>
[DisallowConcurrentExecution]
public sealed class PushJob(CentralClient central, ResultQueue queue, IOptions<AgentOptions> options, ILogger<PushJob> logger) : IJob
{
    public static readonly JobKey Key = new("push", "agent");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            while (queue.Peek(options.Value.MaxBatchSize) is { } batch)
            {
                var accepted = await central.PostResultsAsync(new ResultBatch(batch.BatchId, batch.Results), cancellationToken);
                queue.Acknowledge(accepted.BatchId);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            logger.LogWarning("Central did not take the results ({Queued} waiting): {Reason}", queue.Count, ex.Message);
        }
    }
}
