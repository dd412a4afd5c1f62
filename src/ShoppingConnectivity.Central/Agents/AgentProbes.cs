using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Ingestion;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// The probes an agent may send results of: those of its host's current plan, and those that left the plan within
/// <see cref="RetiredProbes.Window"/> (an outbox filled before a plan change). What left which plan is derived from the
/// stored estate versions, not remembered per agent: it holds after a restart and on every central node.
/// </summary>
/// <remarks>
/// Batches of the current plan, nearly all of them, cost one look-up in the cached plan. Only a batch with another
/// probe brings the ledger up to the estate in force: once per estate change, diffing the plans of the version before
/// and the version after (the estate before is kept from the last catch-up, so a single change reads nothing back;
/// the first catch-up after a start reads the versions of the window). With 50,000 clients, a change that takes a probe
/// out of every plan costs about 1.2 s and 25 MiB held for the window (docs/benchmarks.md, "Retired probes").
/// </remarks>
public sealed class AgentProbes(
    AgentPlans plans,
    EstateStore estate,
    FlowCatalogue catalogue,
    IDbContextFactory<CentralDbContext> dbFactory,
    TimeProvider clock,
    ILogger<AgentProbes> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RetiredProbes _retired = new();

    /// <summary>The estate version the ledger is up to, and that version's estate; null before the first catch-up.</summary>
    private (long Version, Estate Estate)? _upTo;

    /// <summary>The results of <paramref name="batch"/> that are not of a probe <paramref name="agent"/> was given, each naming its item.</summary>
    public async Task<IReadOnlyList<string>> ValidateAsync(AgentRecord agent, ResultBatch batch, CancellationToken cancellationToken = default)
    {
        var current = plans.For(agent.Id, agent.HostName)?.ProbesById;
        if (current is not null && batch.Results.All(r => current.TryGetValue(r.ProbeId, out var p) && p.FlowId == r.FlowId)) return [];

        // The agent may have its plan from another central node that stored a newer estate version: take it first.
        await estate.RefreshFromDatabaseAsync(cancellationToken);
        var known = await ProbesOfAsync(agent.HostName, cancellationToken);
        return ResultBatchValidator.ValidateProbes(batch, known, agent.Id, RetiredProbes.Window);
    }

    /// <summary>Probe id to flow of every probe <paramref name="hostName"/> may report: its current plan's and those retired within the window.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ProbesOfAsync(string hostName, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Not given up with the request: the next batch would start the work again (an agent gives up after 30 s,
            // and the first catch-up after a start can take longer on a large estate with many versions).
            var inForce = await CatchUpAsync(CancellationToken.None);
            var probes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (probeId, flowId) in _retired.Of(hostName, clock.GetUtcNow())) probes[probeId] = flowId;
            if (inForce.FindHost(hostName) is { } host)
            {
                foreach (var probe in PlanBuilder.ProbesFor(catalogue, inForce, host, ProbeDefaults.Standard)) probes[probe.ProbeId] = probe.FlowId;
            }

            return probes;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Files the probes each estate version stored since the last catch-up took out of a plan; returns the estate in force.</summary>
    private async Task<Estate> CatchUpAsync(CancellationToken cancellationToken)
    {
        var state = estate.State;
        if (_upTo is { } upTo && upTo.Version == state.Version) return state.Estate;

        var now = clock.GetUtcNow();
        if (_upTo is { } stale && stale.Version > state.Version) _upTo = null; // the store was replaced: start again
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var from = _upTo?.Version ?? 0;
        var versions = await db.Estates.AsNoTracking().Where(r => r.Version > from && r.Version <= state.Version).OrderBy(r => r.Version)
            .Select(r => new { r.Version, r.UpdatedAt }).ToListAsync(cancellationToken);
        var next = 0;
        if (_upTo is null)
        {
            // First catch-up: from the version in force when the window began (the empty estate if none was stored yet).
            _retired.Clear();
            var first = versions.FindLastIndex(v => v.UpdatedAt < now - RetiredProbes.Window);
            _upTo = first < 0 ? (0, Estate.Empty(catalogue)) : (versions[first].Version, await ReadAsync(db, versions[first].Version, state, cancellationToken) ?? Estate.Empty(catalogue));
            next = first + 1;
        }

        var retired = 0;
        for (; next < versions.Count; next++)
        {
            var (version, at) = (versions[next].Version, versions[next].UpdatedAt);
            if (await ReadAsync(db, version, state, cancellationToken) is not { } after) continue;
            retired += _retired.Record(catalogue, _upTo!.Value.Estate, after, at);
            _upTo = (version, after);
        }

        _retired.Prune(now);
        _upTo = (state.Version, state.Estate);
        logger.LogInformation(
            "Plans brought up to estate version {Version}: {Retired} probes left a plan; results of the {Held} probes that left one in the last {Days:0} days are still taken.",
            state.Version, retired, _retired.Count, RetiredProbes.Window.TotalDays);
        return state.Estate;
    }

    /// <summary>A stored version's estate (the one in force without reading it again); null, with a warning, when it no longer parses.</summary>
    private async Task<Estate?> ReadAsync(CentralDbContext db, long version, EstateStore.Snapshot state, CancellationToken cancellationToken)
    {
        if (version == state.Version) return state.Estate;
        var document = await db.Estates.AsNoTracking().Where(r => r.Version == version).Select(r => r.Document).SingleAsync(cancellationToken);
        var parsed = EstateFile.Parse(document, "estate.json", catalogue);
        if (parsed.Succeeded) return parsed.Estate;
        logger.LogWarning("Estate version {Version} does not fit catalogue {Catalogue}; the probes it had are not taken from its plans: {Errors}",
            version, catalogue.Version, string.Join(" ", parsed.Errors));
        return null;
    }

    public void Dispose() => _gate.Dispose();
}
