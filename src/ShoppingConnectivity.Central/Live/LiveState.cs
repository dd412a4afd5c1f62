using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;

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
    private readonly EdgeThresholds _thresholds;
    private readonly EstateStore _estate;
    private readonly TimeProvider _clock;
    private IReadOnlyList<EdgeState> _edges = [];

    public LiveState(FlowCatalogue catalogue, EstateStore estate, IOptions<CentralOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _thresholds = new EdgeThresholds(o.ClientBrokenShare, o.StaleAfterIntervals);
        _board = new EdgeBoard(catalogue, _thresholds);
        _estate = estate;
        _clock = clock;
        Recompute();
    }

    /// <summary>Raised after the edges were recomputed with new data. Handlers must be quick and must not throw.</summary>
    public event Action? Changed;

    /// <summary>
    /// Raised, after <see cref="Changed"/>, with the edges whose colour changed (and when, from their links):
    /// the edge history is written from it. Handlers must be quick and must not throw.
    /// </summary>
    public event Action<IReadOnlyList<EdgeChange>>? EdgesChanged;

    public IReadOnlyList<EdgeState> Edges => Volatile.Read(ref _edges);

    public IReadOnlyList<LinkSnapshot> LinksOf(string flowId)
    {
        lock (_gate)
        {
            return _links.Values.Where(l => l.FlowId == flowId).ToList();
        }
    }

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
        RaiseEdgeChanges();
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
        RaiseEdgeChanges();
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
        RaiseEdgeChanges();
    }

    private List<EdgeChange> _pendingChanges = [];

    /// <summary>Must be called under the gate; changes are raised by the caller once the gate is released.</summary>
    private bool Recompute()
    {
        var now = _clock.GetUtcNow();
        var previous = _edges.ToDictionary(e => e.FlowId, e => e.Colour, StringComparer.Ordinal);
        var (edges, changed) = _board.Evaluate(_estate.Current, _links.Values, now);
        Volatile.Write(ref _edges, edges);
        foreach (var edge in edges)
        {
            if (previous.TryGetValue(edge.FlowId, out var before) && before == edge.Colour) continue;
            var links = _links.Values.Where(l => l.FlowId == edge.FlowId).ToList();
            _pendingChanges.Add(new EdgeChange(
                edge.FlowId,
                previous.TryGetValue(edge.FlowId, out var from) ? from : null,
                edge.Colour,
                EdgeTimeline.ChangedAt(edge, links, now, _thresholds),
                edge.Summary,
                edge.Counts,
                edge.Links,
                EdgeTimeline.FailingSample(links, now, _thresholds)));
        }

        return changed;
    }

    private void RaiseEdgeChanges()
    {
        List<EdgeChange> changes;
        lock (_gate)
        {
            if (_pendingChanges.Count == 0) return;
            changes = _pendingChanges;
            _pendingChanges = [];
        }

        EdgesChanged?.Invoke(changes);
    }
}
