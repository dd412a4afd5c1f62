using Quartz;
using ShoppingConnectivity.Agent.Central;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>Fetches the plan (with its ETag) and reschedules the probes when it changed; no restart needed.</summary>
[DisallowConcurrentExecution]
public sealed class PlanSyncJob(CentralClient central, PlanHolder holder, ProbeScheduler scheduler, ILogger<PlanSyncJob> logger) : IJob
{
    public static readonly JobKey Key = new("plan-sync", "agent");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var (plan, etag) = await central.GetPlanAsync(holder.ETag, cancellationToken);
            if (plan is null) return;
            holder.Set(plan, etag);
            await scheduler.ApplyAsync(plan, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // Keep the plan in force; the next run tries again.
            logger.LogWarning("Could not refresh the plan from central: {Reason}", ex.Message);
        }
    }
}
