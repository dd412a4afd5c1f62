using Quartz;

namespace ShoppingConnectivity.Central.History;

/// <summary>Rolls new results up into the per-edge minute and hour buckets.</summary>
[DisallowConcurrentExecution]
public sealed class RollupJob(HistoryMaintenance history, ILogger<RollupJob> logger) : IJob
{
    public static readonly JobKey Key = new("rollup", "history");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // With several nodes (clustered scheduler), which node ran which fire: the scheduled time names the fire.
        logger.LogDebug("Rollup fire scheduled for {ScheduledAt:O} runs here.", context.ScheduledFireTimeUtc);
        await history.RollUpAsync(cancellationToken);
    }
}
