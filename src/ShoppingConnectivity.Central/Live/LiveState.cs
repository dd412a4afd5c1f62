using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Live;

/// <summary>
/// The in-memory live state: every link and the edges computed from them.
/// Ingestion writes here after commit; dashboards read <see cref="Edges"/> and listen to <see cref="Changed"/>.
/// </summary>
/// <remarks>
/// A burst of results (tens of thousands after an outage) must not cost a recomputation of every edge per batch:
/// <see cref="Apply"/> only files the links and marks their flows dirty; the dirty edges are computed when someone
/// reads them, which dashboards do at most a few times a second. An edge whose content did not change keeps its
/// <see cref="EdgeState"/> instance, so a dashboard redraws only the edges that did.
/// </remarks>
public sealed class LiveState : IDisposable
{
    /// <summary>Blame depends on link freshness too: recomputed at least this often while someone reads it.</summary>
    private static readonly TimeSpan BlameMaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();

    /// <summary>
    /// Links applied but not filed yet. The ingestion writer only queues here, so it never waits while a reader
    /// recomputes edges of a big flow under <see cref="_gate"/>; every reader files them first.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<LinkSnapshot> _pending = new();
    // Each link once, under its flow: a probe id names its flow (flow/target/port, checked at ingestion), so a link never moves.
    private readonly Dictionary<string, Dictionary<(string AgentId, string ProbeId), LinkSnapshot>> _byFlow = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly FlowCatalogue _catalogue;
    private readonly EdgeBoard _board;
    private readonly EstateStore _estate;
    private readonly TimeProvider _clock;
    private EdgeThresholds _thresholds;
    private readonly BlameRules _blameRules;
    private EdgeState[] _edges;
    private IReadOnlyList<EdgeState> _published;
    private long _version;
    private (long Version, DateTimeOffset At, IReadOnlyList<BlameMark> Marks) _blame = (-1, default, []);

    public LiveState(FlowCatalogue catalogue, EstateStore estate, IOptions<CentralOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _catalogue = catalogue;
        // Until central listens (StartedListening), silence counts from now: the links loaded at start are not silent
        // for the time central was down.
        _thresholds = o.Thresholds() with { ListeningSince = clock.GetUtcNow() };
        _blameRules = new BlameRules(o.Blame.MinSources, o.Blame.Share);
        _board = new EdgeBoard(catalogue, _thresholds);
        _estate = estate;
        _clock = clock;
        _edges = new EdgeState[catalogue.Flows.Count];
        _published = [];
        RecomputeAll();
    }

    /// <summary>
    /// Raised after links changed (once per applied batch, so possibly thousands of times a second).
    /// Handlers must be quick and must not throw: coalesce, then read <see cref="Edges"/>.
    /// </summary>
    public event Action? Changed;

    /// <summary>
    /// Raised with the edges whose colour changed (and when, from their links) once they are recomputed: on a read
    /// of <see cref="Edges"/> or at the freshness check. The edge history is written from it. Handlers must be quick
    /// and must not throw.
    /// </summary>
    public event Action<IReadOnlyList<EdgeChange>>? EdgesChanged;

    private List<EdgeChange> _pendingChanges = [];
    private Pacing _edgePacing;
    private ITimer? _reminder;
    private int _reminderArmed;

    /// <summary>Raises <see cref="Changed"/> once <paramref name="delay"/> has passed, so readers come back for edges that were too costly to recompute now.</summary>
    private void RemindLater(TimeSpan delay)
    {
        if (Interlocked.Exchange(ref _reminderArmed, 1) == 1) return;
        _reminder ??= _clock.CreateTimer(_ =>
        {
            Volatile.Write(ref _reminderArmed, 0);
            Changed?.Invoke();
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _reminder.Change(delay + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _reminder?.Dispose();
    private Pacing _blamePacing;

    /// <summary>
    /// Keeps recomputing from eating the box: work that took longer than <see cref="Costly"/> (flows of 50,000 client
    /// links each, blame over 650,000 links) is done again only after <see cref="Spacing"/> times its cost has passed,
    /// however many dashboards read meanwhile; they get the last result. Cheap work (any small estate) is always
    /// done at once, so what a reader sees right after a change is unchanged there. Wall-clock (Stopwatch), not the
    /// estate clock: this is about CPU, not about link freshness.
    /// </summary>
    private struct Pacing
    {
        public static readonly TimeSpan Costly = TimeSpan.FromMilliseconds(20);
        public const int Spacing = 4;

        private long _cost;
        private long _endedAt;

        public readonly bool Due() =>
            _cost < Costly.TotalSeconds * System.Diagnostics.Stopwatch.Frequency
            || System.Diagnostics.Stopwatch.GetTimestamp() - _endedAt >= Spacing * _cost;

        public readonly TimeSpan Remaining() =>
            TimeSpan.FromSeconds(Math.Max(0, Spacing * _cost - (System.Diagnostics.Stopwatch.GetTimestamp() - _endedAt)) / (double)System.Diagnostics.Stopwatch.Frequency);

        public void Done(long startedAt)
        {
            _endedAt = System.Diagnostics.Stopwatch.GetTimestamp();
            _cost = _endedAt - startedAt;
        }
    }

    public FlowCatalogue Catalogue => _catalogue;

    /// <summary>The colour rules, with <see cref="EdgeThresholds.ListeningSince"/> set to when this central began to listen.</summary>
    public EdgeThresholds Thresholds => Volatile.Read(ref _thresholds);

    /// <summary>
    /// Central listens for results from now on (its server started): links are silent only StaleAfterIntervals after
    /// this or after their last result, whichever is later, so a restart does not turn the estate grey while the
    /// agents' retries find central again.
    /// </summary>
    public void StartedListening(DateTimeOffset at)
    {
        lock (_gate)
        {
            _thresholds = _thresholds with { ListeningSince = at };
            _board.Thresholds = _thresholds;
            FilePending();
            if (RecomputeAll()) Interlocked.Increment(ref _version);
        }

        Changed?.Invoke();
        RaiseEdgeChanges();
    }

    /// <summary>Grows with every change of the links; a reader can tell whether what it shows is current.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// Every edge in catalogue order, current as of this call; on a big estate under a burst, when computing them is
    /// costly, at most a few times that cost old (see <see cref="Pacing"/>).
    /// </summary>
    public IReadOnlyList<EdgeState> Edges
    {
        get
        {
            IReadOnlyList<EdgeState> edges;
            lock (_gate)
            {
                FilePending();
                if (_dirty.Count > 0)
                {
                    if (_edgePacing.Due())
                    {
                        var started = System.Diagnostics.Stopwatch.GetTimestamp();
                        RecomputeDirty();
                        _edgePacing.Done(started);
                    }
                    else
                    {
                        // Readers get the last edges now; tell them to read again once the edges may be recomputed,
                        // so the last change of a burst does not wait for the next result or the freshness check.
                        RemindLater(_edgePacing.Remaining());
                    }
                }

                edges = _published;
            }

            RaiseEdgeChanges();
            return edges;
        }
    }

    /// <summary>Where failures most likely sit (target host, source host or the edge), for the diagram's marks.</summary>
    public IReadOnlyList<BlameMark> Blame
    {
        get
        {
            lock (_gate)
            {
                var version = Version; // before filing: links applied meanwhile make the next read compute again
                FilePending();
                var now = _clock.GetUtcNow();
                if ((_blame.Version != version && _blamePacing.Due()) || now - _blame.At > BlameMaxAge)
                {
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    var estate = _estate.Current;
                    var marks = BlameLocator.Locate(_catalogue, Links(), f => f.IsEnabled(estate.Switches), now, _thresholds, _blameRules);
                    // The same marks keep their list: dashboards compare it by reference to skip a refresh that shows nothing new.
                    _blame = (version, now, BlameMark.Same(marks, _blame.Marks) ? _blame.Marks : marks);
                    _blamePacing.Done(started);
                }

                return _blame.Marks;
            }
        }
    }

    /// <summary>Every live link (a copy).</summary>
    public IReadOnlyList<LinkSnapshot> AllLinks()
    {
        lock (_gate)
        {
            FilePending();
            return Links().ToList();
        }
    }

    public IReadOnlyList<LinkSnapshot> LinksOf(string flowId)
    {
        lock (_gate)
        {
            FilePending();
            return _byFlow.TryGetValue(flowId, out var links) ? links.Values.ToList() : [];
        }
    }

    /// <summary>The links probed by the agent of <paramref name="host"/> (agent ids are lower-case host names).</summary>
    public IReadOnlyList<LinkSnapshot> LinksFrom(string host)
    {
        lock (_gate)
        {
            FilePending();
            return Links().Where(l => string.Equals(l.AgentId, host, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    /// <summary>The links towards <paramref name="host"/>, loopback links excluded (they target their own source).</summary>
    public IReadOnlyList<LinkSnapshot> LinksTo(string host)
    {
        lock (_gate)
        {
            FilePending();
            return Links().Where(l => string.Equals(l.TargetHost, host, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(l.AgentId, host, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    /// <summary>
    /// Each edge's last colour change as stored before a restart: an edge found in the same colour keeps its start
    /// (an outage of 14:18 still says so after a restart at 14:33). Call before the first read after loading links.
    /// </summary>
    public void Remember(IEnumerable<(string FlowId, EdgeColour Colour, DateTimeOffset Since)> changes)
    {
        lock (_gate)
        {
            foreach (var (flowId, colour, since) in changes)
            {
                _board.Remember(flowId, colour, since);
                _dirty.Add(flowId);
            }
        }
    }

    /// <summary>Replaces the links given (latest state per agent and probe); their edges are recomputed on the next read.</summary>
    public void Apply(IEnumerable<LinkSnapshot> links)
    {
        foreach (var link in links) _pending.Enqueue(link);
        Interlocked.Increment(ref _version);
        Changed?.Invoke();
    }

    /// <summary>Files the queued links (in the order applied) and marks their flows dirty. Under <see cref="_gate"/>.</summary>
    private void FilePending()
    {
        while (_pending.TryDequeue(out var link))
        {
            if (!_byFlow.TryGetValue(link.FlowId, out var flowLinks))
                _byFlow[link.FlowId] = flowLinks = [];
            flowLinks[(link.AgentId, link.ProbeId)] = link;
            _dirty.Add(link.FlowId);
        }
    }

    /// <summary>Raised with the links <see cref="Prune"/> dropped, after they are gone from the live state.</summary>
    public event Action<IReadOnlyList<LinkSnapshot>>? Pruned;

    /// <summary>Drops the links <paramref name="keep"/> rejects (probes no plan has any more) and recomputes the edges.</summary>
    public IReadOnlyList<LinkSnapshot> Prune(Func<LinkSnapshot, bool> keep)
    {
        List<LinkSnapshot> removed;
        lock (_gate)
        {
            FilePending();
            removed = Links().Where(l => !keep(l)).ToList();
            foreach (var link in removed) Unfile((link.AgentId, link.ProbeId), link.FlowId);

            // The estate changed (that is why links are pruned): switches may have turned flows on or off.
            RecomputeAll();
            Interlocked.Increment(ref _version);
        }

        if (removed.Count > 0) Pruned?.Invoke(removed);
        Changed?.Invoke();
        RaiseEdgeChanges();
        return removed;
    }

    /// <summary>Re-evaluates freshness; notifies only when an edge changed (links went silent).</summary>
    public void Refresh()
    {
        bool changed;
        lock (_gate)
        {
            FilePending();
            changed = RecomputeAll();
            if (changed) Interlocked.Increment(ref _version);
        }

        if (changed) Changed?.Invoke();
        RaiseEdgeChanges();
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

    /// <summary>Every filed link. Under <see cref="_gate"/>.</summary>
    private IEnumerable<LinkSnapshot> Links() => _byFlow.Values.SelectMany(flowLinks => flowLinks.Values);

    private void Unfile((string, string) key, string flowId)
    {
        if (_byFlow.TryGetValue(flowId, out var flowLinks)) flowLinks.Remove(key);
        _dirty.Add(flowId);
    }

    private bool RecomputeAll()
    {
        foreach (var flow in _catalogue.Flows) _dirty.Add(flow.Id);
        return RecomputeDirty();
    }

    /// <summary>Recomputes the dirty flows; keeps the old instance of an edge whose content is the same.</summary>
    private bool RecomputeDirty()
    {
        var estate = _estate.Current;
        var now = _clock.GetUtcNow();
        var changed = false;
        var edges = (EdgeState[])_edges.Clone();
        for (var i = 0; i < _catalogue.Flows.Count; i++)
        {
            var flow = _catalogue.Flows[i];
            if (!_dirty.Contains(flow.Id)) continue;
            IReadOnlyCollection<LinkSnapshot> links = _byFlow.TryGetValue(flow.Id, out var flowLinks) ? flowLinks.Values : [];
            var (edge, _) = _board.EvaluateFlow(flow, flow.IsEnabled(estate.Switches), links, now, EdgePorts.Of(flow, estate),
                EstateCoverage.Missing(flow, estate, _catalogue));
            if (edges[i]?.Colour != edge.Colour)
            {
                _pendingChanges.Add(new EdgeChange(flow.Id, edges[i]?.Colour, edge.Colour, EdgeTimeline.ChangedAt(edge, links, now, _thresholds),
                    edge.Summary, edge.Counts, edge.Links, EdgeTimeline.FailingSample(links, now, _thresholds)));
            }

            if (edges[i] is { } old && old.SameAs(edge)) continue;
            edges[i] = edge;
            changed = true;
        }

        _dirty.Clear();
        _edges = edges;
        if (changed || _published.Count == 0) _published = Array.AsReadOnly(edges);
        return changed;
    }
}
