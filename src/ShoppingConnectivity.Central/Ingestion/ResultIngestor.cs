using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>Stores a validated batch (raw results, batch id, live links) in one transaction, then updates the live state.</summary>
public sealed class ResultIngestor(
    IDbContextFactory<CentralDbContext> dbFactory,
    AgentPlans plans,
    LiveState live,
    AlertRules rules,
    LinkStreaks streaks,
    TimeProvider clock,
    ILogger<ResultIngestor> logger)
{
    public async Task<ResultBatchAccepted> IngestAsync(AgentRecord agent, ResultBatch batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Batches.AnyAsync(b => b.AgentId == agent.Id && b.BatchId == batch.BatchId, cancellationToken))
        {
            return new ResultBatchAccepted(batch.BatchId, 0, Duplicate: true);
        }

        var plan = plans.For(agent.Id, agent.HostName);
        var probeIds = batch.Results.Select(r => r.ProbeId).Distinct().ToList();
        var links = await db.Links
            .Where(l => l.AgentId == agent.Id && probeIds.Contains(l.ProbeId))
            .ToDictionaryAsync(l => l.ProbeId, StringComparer.Ordinal, cancellationToken);

        var touched = new Dictionary<string, LinkRecord>(StringComparer.Ordinal);
        var windows = new Dictionary<string, LinkStreakWindow>(StringComparer.Ordinal);
        foreach (var r in batch.Results.OrderBy(r => r.At))
        {
            db.Results.Add(new ResultRecord
            {
                AgentId = agent.Id,
                ProbeId = r.ProbeId,
                FlowId = r.FlowId,
                Outcome = r.Outcome,
                LatencyMs = r.LatencyMs,
                Detail = r.Detail,
                Degraded = r.Degraded,
                At = r.At,
                ReceivedAt = now,
                BatchId = batch.BatchId,
            });

            // Only probes of the current plan feed live links; results of an older plan are kept as history only.
            if (plan?.ProbesById.TryGetValue(r.ProbeId, out var probe) != true) continue;
            if (!links.TryGetValue(r.ProbeId, out var link))
            {
                link = new LinkRecord
                {
                    AgentId = agent.Id, ProbeId = r.ProbeId, FlowId = r.FlowId, TargetHost = probe!.TargetHost,
                    Port = probe.Port, Outcome = r.Outcome, Since = r.At, LastAt = r.At, IntervalSeconds = probe.IntervalSeconds,
                };
                links[r.ProbeId] = link;
                db.Links.Add(link);
                db.Transitions.Add(Transition(link, null, r));
            }

            // Every result counts for the alert rules, a late one from the outbox at its place in time.
            if (!windows.TryGetValue(r.ProbeId, out var window)) window = LinkStreakWindow.Parse(link.Streak);
            windows[r.ProbeId] = window.Add(LinkRun.Of(r.Outcome, r.At), rules.For(r.FlowId), out _);
            touched[r.ProbeId] = link;

            if (r.At < link.LastAt)
            {
                continue; // a late result from the outbox: the link's latest outcome already knows newer
            }

            if (link.Outcome != r.Outcome)
            {
                db.Transitions.Add(Transition(link, link.Outcome, r));
                link.Since = r.At;
            }
            link.Outcome = r.Outcome;
            link.LastAt = r.At;
            link.LatencyMs = r.LatencyMs;
            link.Detail = r.Detail;
            link.Degraded = r.Degraded;
            link.IntervalSeconds = probe!.IntervalSeconds;
        }

        foreach (var (probeId, window) in windows) links[probeId].Streak = window.Serialize();
        db.Batches.Add(new ReceivedBatch { AgentId = agent.Id, BatchId = batch.BatchId, Count = batch.Results.Count, ReceivedAt = now });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Agents.Where(a => a.Id == agent.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.LastSeenAt, now), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            // The same batch raced in on another request and won: it is stored once, by that request.
            logger.LogInformation("Batch {BatchId} of agent {AgentId} arrived twice at once; stored once.", batch.BatchId, agent.Id);
            return new ResultBatchAccepted(batch.BatchId, 0, Duplicate: true);
        }

        foreach (var (probeId, window) in windows) streaks.Set(agent.Id, probeId, window.Current(rules.For(links[probeId].FlowId)));
        live.Apply(touched.Values.Select(l => l.ToSnapshot()));
        return new ResultBatchAccepted(batch.BatchId, batch.Results.Count, Duplicate: false);
    }

    private static TransitionRecord Transition(LinkRecord link, ProbeOutcome? from, ProbeResultDto r) => new()
    {
        AgentId = link.AgentId,
        ProbeId = link.ProbeId,
        FlowId = link.FlowId,
        TargetHost = link.TargetHost,
        Port = link.Port,
        FromOutcome = from,
        ToOutcome = r.Outcome,
        At = r.At,
    };
}
