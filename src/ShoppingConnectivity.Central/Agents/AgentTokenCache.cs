using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// Enrolled agents as their token check needs them, kept in memory: an agent's request then costs no database read (it
/// was a quarter of central's CPU at 1,700 requests/s). Every cached agent is read again at least every
/// <see cref="CacheFor"/>, all of them in one query (<see cref="RevalidateAsync"/>), so an agent that posts every
/// minute is not read once per post, and another central node's revoke or re-key holds here within
/// <see cref="CacheFor"/>. Revoking or re-keying on this node drops the entry at once. A token that does not match the
/// cached hash is checked against the database before it is refused, so a token just issued by another node works at once.
/// </summary>
/// <remarks>
/// Only agents that exist are kept, so unknown ids cannot grow it: at most one entry per enrolled agent, and an agent
/// not heard from for <see cref="DropUnusedAfter"/> is dropped at the next revalidation.
/// </remarks>
public sealed class AgentTokenCache(IDbContextFactory<CentralDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How old, at most, what this node knows of an agent's token and standing may be.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    /// <summary>An entry no request used for this long is not read again, but dropped.</summary>
    public static readonly TimeSpan DropUnusedAfter = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task? _revalidating;
    private long _validAtTicks = DateTimeOffset.MinValue.UtcTicks;
    private long _reads;

    private sealed class Entry(AgentRecord agent, DateTimeOffset usedAt)
    {
        public AgentRecord Agent { get; } = agent;

        /// <summary>UTC ticks of the last request that used it (requests race to set it: any recent one will do).</summary>
        public long UsedAtTicks = usedAt.UtcTicks;
    }

    /// <summary>Database reads made so far (one per revalidation, one per agent looked up alone): for the tests and the benchmark.</summary>
    public long DatabaseReads => Interlocked.Read(ref _reads);

    /// <summary>Agents held now.</summary>
    public int Count => _cache.Count;

    /// <summary>
    /// The agent <paramref name="agentId"/> when <paramref name="tokenHash"/> (<see cref="AgentTokens.Hash"/>) is its
    /// current token and it is not revoked; else null. The record returned is shared: read it, never change it. Its
    /// <see cref="AgentRecord.LastSeenAt"/> is as first read, not kept current.
    /// </summary>
    public async ValueTask<AgentRecord?> FindActiveAsync(string agentId, string tokenHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now.UtcTicks - Interlocked.Read(ref _validAtTicks) >= CacheFor.Ticks) await RevalidateAsync(cancellationToken);
        if (_cache.TryGetValue(agentId, out var entry) && IsActive(entry.Agent, tokenHash))
        {
            Volatile.Write(ref entry.UsedAtTicks, now.UtcTicks);
            return entry.Agent;
        }

        var agent = await LoadAsync(agentId, cancellationToken);
        if (agent is null)
        {
            _cache.TryRemove(agentId, out _);
            return null;
        }

        _cache[agentId] = new Entry(agent, now);
        return IsActive(agent, tokenHash) ? agent : null;
    }

    /// <summary>The agent as stored now (not cached), or null.</summary>
    public async Task<AgentRecord?> LoadAsync(string agentId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agentId, cancellationToken);
    }

    /// <summary>The agent's token or standing changed here (revoked, re-keyed, approved): its next call reads it again.</summary>
    public void Forget(string agentId) => _cache.TryRemove(agentId, out _);

    /// <summary>
    /// Reads every cached agent again in one query, once however many requests find the cache due at the same moment
    /// (they wait for the same read); drops the unused ones and the ones no longer stored.
    /// </summary>
    private Task RevalidateAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (clock.GetUtcNow().UtcTicks - Interlocked.Read(ref _validAtTicks) < CacheFor.Ticks) return Task.CompletedTask;
            _revalidating ??= RunAsync();
            return _revalidating.WaitAsync(cancellationToken);
        }

        async Task RunAsync()
        {
            await Task.Yield();
            try
            {
                // Valid as of before the read: a change committed while it runs may be missed, so it counts from here.
                var startedAt = clock.GetUtcNow();
                var unusedBefore = (startedAt - DropUnusedAfter).UtcTicks;
                var kept = new List<KeyValuePair<string, Entry>>();
                foreach (var held in _cache)
                {
                    if (Volatile.Read(ref held.Value.UsedAtTicks) < unusedBefore) _cache.TryRemove(held);
                    else kept.Add(held);
                }

                if (kept.Count > 0)
                {
                    Interlocked.Increment(ref _reads);
                    var ids = kept.Select(e => e.Key).ToList();
                    await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                    var stored = await db.Agents.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, StringComparer.Ordinal);
                    foreach (var (id, entry) in kept)
                    {
                        // Only the entry read: one forgotten or replaced meanwhile (a revoke here, a fresh load) stays as it is now.
                        // An agent whose standing is as held keeps its record: 20,000 agents re-read every 10 s would
                        // otherwise leave 20,000 records (and the texts the links hold) to the oldest generation each time.
                        if (!stored.TryGetValue(id, out var agent)) _cache.TryRemove(new KeyValuePair<string, Entry>(id, entry));
                        else if (!SameStanding(entry.Agent, agent))
                            _cache.TryUpdate(id, new Entry(agent, new DateTimeOffset(Volatile.Read(ref entry.UsedAtTicks), TimeSpan.Zero)), entry);
                    }
                }

                Interlocked.Exchange(ref _validAtTicks, startedAt.UtcTicks);
            }
            finally
            {
                lock (_gate) _revalidating = null;
            }
        }
    }

    /// <summary>Everything a request takes from the cached record, i.e. all of it but <see cref="AgentRecord.LastSeenAt"/> (which the cache is not asked for).</summary>
    internal static bool SameStanding(AgentRecord held, AgentRecord stored) =>
        held.Id == stored.Id && held.HostName == stored.HostName && held.TokenHash == stored.TokenHash && held.Version == stored.Version
        && held.ReportedRoles == stored.ReportedRoles && held.EnrolledAt == stored.EnrolledAt && held.RevokedAt == stored.RevokedAt
        && held.RevokedBy == stored.RevokedBy;

    private static bool IsActive(AgentRecord agent, string tokenHash) => agent.RevokedAt is null && AgentTokens.HashesMatch(tokenHash, agent.TokenHash);
}
