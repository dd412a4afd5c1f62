using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>The enrolled agents as ops see them: who, which version, which roles, and whether they are talking.</summary>
public sealed class AgentDirectory(
    IDbContextFactory<CentralDbContext> dbFactory,
    EstateStore estate,
    AgentPlans plans,
    LiveState live,
    IOptions<CentralOptions> options,
    AgentTokenCache tokens,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<AgentView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.HostName).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var o = options.Value;
        return agents.Select(a =>
        {
            var host = estate.Current.FindHost(a.HostName);
            var plan = plans.For(a.Id, a.HostName);
            var interval = plan?.ShortestIntervalSeconds is > 0 and var shortest ? shortest : o.ProbeIntervalSeconds;
            var reported = string.IsNullOrEmpty(a.ReportedRoles) ? [] : a.ReportedRoles.Split(',');
            var estateRoles = host?.Roles ?? [];
            return new AgentView(
                a.Id,
                a.HostName,
                a.Version,
                reported,
                estateRoles,
                host is not null,
                reported.Length > 0 && host is not null && !reported.Order(StringComparer.Ordinal).SequenceEqual(estateRoles.Order(StringComparer.Ordinal)),
                plan?.Plan.Probes.Count ?? 0,
                plan?.Plan.Version,
                a.EnrolledAt,
                a.LastSeenAt,
                AgentLiveness.StatusOf(a.LastSeenAt, now, interval, o.StaleAfterIntervals, live.Thresholds.ListeningSince),
                interval * o.StaleAfterIntervals,
                a.RevokedAt);
        }).ToList();
    }

    /// <summary>
    /// Voids the agent's token: its next call gets 401 and it must enrol again with a valid key. False when there is no
    /// such agent or it was revoked already.
    /// </summary>
    public async Task<bool> RevokeAsync(string agentId, string revokedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var changed = await db.Agents.Where(a => a.Id == agentId && a.RevokedAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(a => a.TokenHash, "")
                .SetProperty(a => a.RevokedAt, clock.GetUtcNow())
                .SetProperty(a => a.RevokedBy, revokedBy), cancellationToken);
        tokens.Forget(agentId);
        return changed > 0;
    }
}
