using Quartz;

namespace ShoppingConnectivity.Central.Live;

/// <summary>Re-checks link freshness so edges whose agents went silent turn grey without new results.</summary>
[DisallowConcurrentExecution]
public sealed class EdgeFreshnessJob(LiveState live) : IJob
{
    public static readonly JobKey Key = new("edge-freshness", "central");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        live.Refresh();
        return ValueTask.CompletedTask;
    }
}
