using Quartz;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>Takes estate versions other central nodes stored in the shared database (one indexed look-up when nothing changed).</summary>
[DisallowConcurrentExecution]
public sealed class EstateSyncJob(EstateStore estate) : IJob
{
    public static readonly JobKey Key = new("estate-sync", "central");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await estate.RefreshFromDatabaseAsync(cancellationToken);
}
