using ShoppingConnectivity.Agent.Upstream;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>Fetches the plan (with its ETag) and reschedules the probes when it changed; no restart needed.</summary>
public sealed class PlanSyncJob(CentralClient central, PlanHolder holder, ProbeScheduler scheduler, PlanStore store, ILogger<PlanSyncJob> logger) : IRecurringJob
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // First run after a start: probe with the plan of the last run at once, whether central answers or not.
        if (holder.Plan is null && store.Load() is { } stored)
        {
            holder.Set(stored.Plan, stored.ETag);
            await scheduler.ApplyAsync(stored.Plan, cancellationToken);
            logger.LogInformation("Probing with the stored plan {Version} until central confirms or changes it.", stored.Plan.Version);
        }

        try
        {
            var (plan, etag) = await central.GetPlanAsync(holder.ETag, cancellationToken);
            if (plan is null) return;
            holder.Set(plan, etag);
            await scheduler.ApplyAsync(plan, cancellationToken);
            try
            {
                store.Save(plan, etag);
            }
            catch (IOException ex)
            {
                logger.LogWarning("The plan could not be stored in the data folder ({Reason}); it is in force all the same.", ex.Message);
            }
        }
        catch (Exception ex) when ((ex is HttpRequestException or OperationCanceledException or InvalidOperationException) && !cancellationToken.IsCancellationRequested)
        {
            // Keep the plan in force; the next run tries again.
            logger.LogWarning("Could not refresh the plan from central: {Reason}", ex.Message);
        }
    }
}
