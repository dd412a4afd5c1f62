using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Live;

/// <summary>
/// The in-memory live state: every link and the edges computed from them.
/// Ingestion writes here after commit; dashboards read <see cref="Edges"/> and listen to <see cref="Changed"/>.
/// </summary>
public sealed class LiveState
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string AgentId, string ProbeId), LinkSnapshot> _links = [];
    private readonly EdgeBoard _board;
    private readonly EstateStore _estate;
    private readonly TimeProvider _clock;
    private IReadOnlyList<EdgeState> _edges = [];

    public LiveState(FlowCatalogue catalogue, EstateStore estate, IOptions<CentralOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _board = new EdgeBoard(catalogue, new EdgeThresholds(o.ClientBrokenShare, o.StaleAfterIntervals));
        _estate = estate;
        _clock = clock;
        Recompute();
    }

    /// <summary>Raised after the edges were recomputed with new data. Handlers must be quick and must not throw.</summary>
    public event Action? Changed;

    public IReadOnlyList<EdgeState> Edges => Volatile.Read(ref _edges);

    public IReadOnlyList<LinkSnapshot> LinksOf(string flowId)
    {
        lock (_gate)
        {
            return _links.Values.Where(l => l.FlowId == flowId).ToList();
        }
    }

    /// <summary>Every live link (a copy), for the alert evaluation.</summary>
    public IReadOnlyList<LinkSnapshot> AllLinks()
    {
        lock (_gate)
        {
            return _links.Values.ToList();
        }
    }

    /// <summary>Replaces the links given (latest state per agent and probe) and recomputes the edges.</summary>
    public void Apply(IEnumerable<LinkSnapshot> links)
    {
        lock (_gate)
        {
            foreach (var link in links)
            {
                _links[(link.AgentId, link.ProbeId)] = link;
            }

            Recompute();
        }

        Changed?.Invoke();
    }

    /// <summary>Drops the links <paramref name="keep"/> rejects (probes no plan has any more) and recomputes the edges.</summary>
    public IReadOnlyList<LinkSnapshot> Prune(Func<LinkSnapshot, bool> keep)
    {
        List<LinkSnapshot> removed;
        lock (_gate)
        {
            removed = _links.Values.Where(l => !keep(l)).ToList();
            foreach (var link in removed) _links.Remove((link.AgentId, link.ProbeId));
            Recompute();
        }

        Changed?.Invoke();
        return removed;
    }

    /// <summary>Re-evaluates freshness; notifies only when a colour changed (links went silent).</summary>
    public void Refresh()
    {
        bool changed;
        lock (_gate)
        {
            changed = Recompute();
        }

        if (changed) Changed?.Invoke();
    }

    private bool Recompute()
    {
        var (edges, changed) = _board.Evaluate(_estate.Current, _links.Values, _clock.GetUtcNow());
        Volatile.Write(ref _edges, edges);
        return changed;
    }
}
