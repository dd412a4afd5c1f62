using Quartz;

namespace ShoppingConnectivity.Central.History;

/// <summary>Deletes raw results, rollups, transitions and batch ids past their retention.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(HistoryMaintenance history) : IJob
{
    public static readonly JobKey Key = new("retention", "history");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await history.EnforceRetentionAsync(cancellationToken);
}
