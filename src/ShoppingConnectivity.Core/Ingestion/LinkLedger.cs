using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Core.Text;

namespace ShoppingConnectivity.Core.Ingestion;

/// <summary>
/// The rules by which a group of results changes the links it touches (the ingestion writer stores what this decides).
/// Each result of a probe of the agent's current plan:
/// <list type="bullet">
/// <item>counts for the link's alert streak at its place in time, a late one from an agent's outbox too;</item>
/// <item>becomes the link's latest state unless the link already knows a newer result (a late result is history and
/// streak only);</item>
/// <item>is a transition when it changes the link's outcome; the first result of a link is a transition from nothing.</item>
/// </list>
/// Results are applied in the order given (the writer gives each batch's in time order).
/// A link's state holds the agent id it is given and the probe's own texts (ids, host), not the result's copies, and its
/// detail as <paramref name="details"/> holds it: the live state keeps every link, and most links name the same few.
/// </summary>
public sealed class LinkLedger(Func<string, AlertRule> ruleOf, StringPool? details = null)
{
    private readonly StringPool _details = details ?? new StringPool();
    private readonly Dictionary<(string AgentId, string ProbeId), (LinkSnapshot Link, string? Streak)> _stored = [];
    private readonly Dictionary<(string AgentId, string ProbeId), Entry> _touched = [];
    private readonly List<LinkTransition> _transitions = [];

    /// <summary>Link state changes, in the order they happened in the results applied.</summary>
    public IReadOnlyList<LinkTransition> Transitions => _transitions;

    /// <summary>A link as stored before this group, with its streak in its stored form (read only when touched).</summary>
    public void Load(LinkSnapshot link, string? streak) => _stored[(link.AgentId, link.ProbeId)] = (link, streak);

    /// <summary>One result of <paramref name="probe"/>, a probe of the agent's current plan.</summary>
    public void Apply(string agentId, PlannedProbe probe, ProbeResultDto result)
    {
        var key = (agentId, result.ProbeId);
        if (!_touched.TryGetValue(key, out var entry))
        {
            if (_stored.TryGetValue(key, out var stored))
            {
                entry = new Entry(Shared(stored.Link, agentId, probe), LinkStreakWindow.Parse(stored.Streak));
            }
            else
            {
                entry = new Entry(new LinkSnapshot(agentId, probe.ProbeId, Same(result.FlowId, probe.FlowId), probe.TargetHost, probe.Port, result.Outcome,
                    result.At, result.At, null, null, probe.IntervalSeconds), LinkStreakWindow.Empty);
                _transitions.Add(entry.Transition(null, result));
            }

            _touched[key] = entry;
        }

        entry.Streak = entry.Streak.Add(LinkRun.Of(result.Outcome, result.At), ruleOf(result.FlowId), out _);
        if (result.At < entry.LastAt) return;

        if (entry.Outcome != result.Outcome)
        {
            _transitions.Add(entry.Transition(entry.Outcome, result));
            entry.Since = result.At;
        }

        entry.Outcome = result.Outcome;
        entry.LastAt = result.At;
        entry.LatencyMs = result.LatencyMs;
        entry.Detail = _details.Get(result.Detail);
        entry.Degraded = result.Degraded;
        entry.IntervalSeconds = probe.IntervalSeconds;
    }

    /// <summary>The stored link with the given instances of its texts where they are equal (a link read from the database has copies of its own).</summary>
    private static LinkSnapshot Shared(LinkSnapshot link, string agentId, PlannedProbe probe) =>
        ReferenceEquals(link.AgentId, agentId) && ReferenceEquals(link.ProbeId, probe.ProbeId)
        && ReferenceEquals(link.FlowId, probe.FlowId) && ReferenceEquals(link.TargetHost, probe.TargetHost)
            ? link
            : link with
            {
                AgentId = Same(link.AgentId, agentId), ProbeId = Same(link.ProbeId, probe.ProbeId),
                FlowId = Same(link.FlowId, probe.FlowId), TargetHost = Same(link.TargetHost, probe.TargetHost),
            };

    private static string Same(string text, string shared) => string.Equals(text, shared, StringComparison.Ordinal) ? shared : text;

    /// <summary>The new state of every link a result changed, with its streak.</summary>
    public IReadOnlyList<LinkUpdate> Touched() => _touched.Values.Select(e => new LinkUpdate(e.Snapshot(), e.Streak)).ToList();

    /// <summary>A link being changed: the stored state's fields, mutable, so a group of results costs no copy per result.</summary>
    private sealed class Entry(LinkSnapshot link, LinkStreakWindow streak)
    {
        public LinkStreakWindow Streak { get; set; } = streak;
        public ProbeOutcome Outcome { get; set; } = link.Outcome;
        public DateTimeOffset Since { get; set; } = link.Since;
        public DateTimeOffset LastAt { get; set; } = link.LastAt;
        public double? LatencyMs { get; set; } = link.LatencyMs;
        public string? Detail { get; set; } = link.Detail;
        public bool Degraded { get; set; } = link.Degraded;
        public int IntervalSeconds { get; set; } = link.IntervalSeconds;

        public LinkTransition Transition(ProbeOutcome? from, ProbeResultDto result) =>
            new(link.AgentId, link.ProbeId, link.FlowId, link.TargetHost, link.Port, from, result.Outcome, result.At);

        public LinkSnapshot Snapshot() => link with
        {
            Outcome = Outcome, Since = Since, LastAt = LastAt, LatencyMs = LatencyMs, Detail = Detail, Degraded = Degraded, IntervalSeconds = IntervalSeconds,
        };
    }
}
