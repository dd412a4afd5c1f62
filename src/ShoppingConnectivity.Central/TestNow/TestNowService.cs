using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Agents;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.TestNow;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// "Test now" of an edge, a host or a link: which agents probe it (<see cref="TestNowResolver"/> over the plans),
/// which of them are online (the agents' page's rule: <see cref="AgentLiveness"/>), asks those through
/// <see cref="AgentRequestQueue"/> and names the others; once per <see cref="TestNowLimiter.Spacing"/> per target.
/// Scoped: the audit log records who asked.
/// </summary>
public sealed class TestNowService(
    EstateStore estate,
    AgentPlans plans,
    FlowCatalogue catalogue,
    AgentRequestQueue queue,
    TestNowLimiter limiter,
    LiveState live,
    IDbContextFactory<CentralDbContext> dbFactory,
    IOptions<CentralOptions> options,
    IAuditLog audit,
    TimeProvider clock,
    ILogger<TestNowService> logger)
{
    public async Task<TestNowAnswer> AskAsync(TestNowTarget target, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var name = target.ToString();
        var current = estate.Current;
        if (target.Scope == TestNowScope.Edge && catalogue.FindFlow(target.Name) is null)
            return Answer(TestNowVerdict.Unknown, $"There is no edge '{target.Name}' in catalogue {catalogue.Version}.");
        if (target.Scope != TestNowScope.Edge && current.FindHost(target.Name) is null)
            return Answer(TestNowVerdict.Unknown, $"The estate lists no host '{target.Name}'.");

        if (limiter.TryAcquire(target.Key, now) is { } retryAt)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((retryAt - now).TotalSeconds));
            return Answer(TestNowVerdict.TooSoon, $"The {name} was tested less than {limiter.Spacing.TotalSeconds:0} s ago; try again in {seconds} s.") with { RetryAt = retryAt };
        }

        // A link asks its source host's agent only; an edge or a host may concern any host (a host: whoever probes it).
        var hosts = target.Scope == TestNowScope.Link ? [current.FindHost(target.Name)!] : current.Hosts;
        var planned = hosts.Select(h => (Host: h, Plan: plans.For(h.Name.ToLowerInvariant(), h.Name)))
            .Where(p => p.Plan is not null)
            .ToDictionary(p => p.Host.Name.ToLowerInvariant(), p => p, StringComparer.OrdinalIgnoreCase);
        var resolved = TestNowResolver.Resolve(target, planned.Select(p => new PlannedAgent(p.Key, p.Value.Plan!.Plan.Probes)));
        if (resolved.Agents.Count == 0)
        {
            limiter.Release(target.Key, now);
            var why = target.Scope == TestNowScope.Link ? "the plan of its source host no longer has that probe" : "no agent's plan has a probe of it";
            return Answer(TestNowVerdict.NothingToTest, $"Nothing to test for the {name}: {why}.");
        }

        var ids = resolved.Agents.Select(a => a.AgentId).ToList();
        Dictionary<string, AgentRecord> records;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            records = await db.Agents.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        }

        var o = options.Value;
        var requestId = Guid.NewGuid();
        var asked = new List<TestNowAsk>();
        var notAsked = new List<TestNowOffline>();
        foreach (var ask in resolved.Agents)
        {
            var (host, plan) = planned[ask.AgentId];
            var record = records.GetValueOrDefault(ask.AgentId);
            var interval = plan!.ShortestIntervalSeconds is > 0 and var shortest ? shortest : o.ProbeIntervalSeconds;
            AgentStatus? status = record is null ? null : AgentLiveness.StatusOf(record.LastSeenAt, now, interval, o.StaleAfterIntervals, live.Thresholds.ListeningSince);
            if (record is { RevokedAt: null } && status == AgentStatus.Online)
            {
                // The baseline first: the agent may store its fresh results before this method returns.
                var asking = ask.ProbeIds.ToHashSet(StringComparer.Ordinal);
                var linksBefore = live.LinksFrom(ask.AgentId).Where(l => asking.Contains(l.ProbeId)).ToDictionary(l => l.ProbeId, StringComparer.Ordinal);
                queue.Enqueue(requestId, ask.AgentId, ask.ProbeIds);
                asked.Add(new TestNowAsk(ask.AgentId, host.Name, ask.ProbeIds, linksBefore));
                continue;
            }

            var reason = record switch
            {
                null => $"{host.Name} is offline (no agent enrolled for it): not asked",
                { RevokedAt: not null } => $"{host.Name} is offline (its agent's token was revoked): not asked",
                _ when status == AgentStatus.NeverSeen => $"{host.Name} is offline (never seen): not asked",
                _ => $"{host.Name} is offline: not asked",
            };
            notAsked.Add(new TestNowOffline(ask.AgentId, host.Name, status, reason));
        }

        var leftOut = resolved.LeftOut > 0 ? $" {resolved.LeftOut} more agents probe it and were not asked (at most {TestNowResolver.DefaultMaxAgents} at once)." : "";
        var offline = notAsked.Count > 0 ? " " + string.Join("; ", notAsked.Select(n => n.Text)) + "." : "";
        if (asked.Count == 0)
        {
            limiter.Release(target.Key, now);
            return Answer(TestNowVerdict.NobodyOnline, $"Nobody was asked to test the {name}:{offline}{leftOut}") with { NotAsked = notAsked, LeftOut = resolved.LeftOut };
        }

        var probes = asked.Sum(a => a.ProbeIds.Count);
        var text = $"Asked {string.Join(", ", asked.Select(a => a.HostName))} to run {probes} probe(s) of the {name} now.{offline}{leftOut}";
        logger.LogInformation("Test now {RequestId} of the {Target}: {Text}", requestId, name, text);
        await audit.RecordAsync("testnow", name, text, cancellationToken);
        return new TestNowAnswer(TestNowVerdict.Asked, name, text, requestId, now, asked, notAsked, resolved.LeftOut);

        TestNowAnswer Answer(TestNowVerdict verdict, string text) => new(verdict, name, text, null, now, [], []);
    }

    /// <summary>Each asked agent's part of <paramref name="requestId"/>: queued, picked up, or dropped unpicked.</summary>
    public IReadOnlyList<AgentRequestStatus> StatusOf(Guid requestId) => queue.StatusOf(requestId);
}
