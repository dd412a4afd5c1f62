using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// When the estate changes: plans are derived again (agents pick them up by ETag on their next fetch), links of
/// probes no plan has any more are dropped from the live state and the store, and every edge is recomputed
/// (a switch may have turned flows off or on).
/// </summary>
public sealed class PlanChanges(
    EstateStore estate,
    AgentPlans plans,
    LiveState live,
    IDbContextFactory<CentralDbContext> dbFactory,
    ILogger<PlanChanges> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        estate.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        estate.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(Estate changed) => _ = ApplyAsync();

    public async Task ApplyAsync()
    {
        try
        {
            plans.Invalidate();
            var removed = live.Prune(l => plans.For(l.AgentId, l.AgentId)?.ProbesById.ContainsKey(l.ProbeId) == true);
            if (removed.Count == 0) return;
            await using var db = await dbFactory.CreateDbContextAsync();
            foreach (var group in removed.GroupBy(l => l.AgentId))
            {
                var probeIds = group.Select(l => l.ProbeId).ToList();
                await db.Links.Where(l => l.AgentId == group.Key && probeIds.Contains(l.ProbeId)).ExecuteDeleteAsync();
            }

            logger.LogInformation("Estate changed: {Count} links of probes no plan has any more were dropped (their history is kept).", removed.Count);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Applying the estate change to the live state failed; it is applied again at the next change or restart.");
        }
    }
}
