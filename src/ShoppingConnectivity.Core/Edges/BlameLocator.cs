using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// Localises failures over the fresh links of the enabled flows of the whole estate, not edge by edge. Pure: the same
/// links give the same marks. Target marks come first (a host failing from several sources, whatever flows and roles
/// it serves), then source marks over the failures no target explains (a host failing to targets that its peers, the
/// other sources of the same flow, reach), then one edge mark per flow for whatever is left. One mark per host: a host
/// blamed as a target that also fails as a source gets one line saying both.
/// </summary>
public static class BlameLocator
{
    /// <summary>Most targets named in one source line; the count before them says how many there are.</summary>
    public const int MaxTargetsNamed = 3;

    /// <param name="links">Enumerated once for the failures and, only when there are any, once or twice more for the counts.</param>
    public static IReadOnlyList<BlameMark> Locate(
        FlowCatalogue catalogue,
        IEnumerable<LinkSnapshot> links,
        Func<Flow, bool> enabled,
        DateTimeOffset now,
        EdgeThresholds thresholds,
        BlameRules rules)
    {
        var flows = catalogue.Flows.Where(enabled).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var failing = new List<Failure>();
        foreach (var link in links)
        {
            if (link.Outcome != ProbeOutcome.Reachable && flows.TryGetValue(link.FlowId, out var flow) && !EdgeAggregator.IsStale(link, now, thresholds))
                failing.Add(new Failure(link, flow));
        }

        // The usual estate has no failure at all: nothing more to count.
        if (failing.Count == 0) return [];

        var tally = Tally.Of(failing, links, flows, now, thresholds);
        var explained = new HashSet<LinkSnapshot>(ReferenceEqualityComparer.Instance);
        var hosts = new Dictionary<string, HostBlame>(StringComparer.OrdinalIgnoreCase);

        // A target failing from several sources, across every flow and role it serves. Loopback flows target the
        // source itself: never a shared target.
        foreach (var group in failing.Where(f => !f.Flow.Loopback).GroupBy(f => f.Link.TargetHost, StringComparer.OrdinalIgnoreCase))
        {
            var failingSources = group.Select(f => f.Link.AgentId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            var sources = tally.SourcesOf(group.Key);
            if (failingSources < rules.MinSources || (double)failingSources / sources < rules.Share) continue;

            var flowCount = group.Select(f => f.Flow.Id).Distinct(StringComparer.Ordinal).Count();
            var host = group.First().Link.TargetHost;
            var blame = new HostBlame(BlameKind.Target, host, failingSources, sources,
                $"{host}: unreachable from {failingSources:N0} of {sources:N0} sources on {flowCount:N0} {(flowCount == 1 ? "flow" : "flows")}");
            foreach (var f in group)
            {
                blame.Add(f, f.Flow.To);
                explained.Add(f.Link);
            }

            hosts[host] = blame;
        }

        // A source failing to targets its peers reach, over the failures no target explains.
        var suspectSources = new Dictionary<string, HostBlame>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in failing.Where(f => !f.Flow.Loopback && !explained.Contains(f.Link) && tally.PeersReaching(f) > 0)
                     .GroupBy(f => f.Link.AgentId, StringComparer.OrdinalIgnoreCase))
        {
            var targets = group.GroupBy(f => $"{f.Link.TargetHost}:{f.Link.Port}", StringComparer.OrdinalIgnoreCase)
                .OrderBy(t => t.Key, StringComparer.OrdinalIgnoreCase).ToList();
            string what;
            if (targets.Count == 1)
            {
                var peers = targets[0].Max(tally.PeersReaching);
                var role = targets[0].First().Flow.From;
                what = $"cannot reach {targets[0].Key}, which {peers:N0} other {PeerWord(catalogue, role, peers)}";
            }
            else
            {
                var named = string.Join(", ", targets.Take(MaxTargetsNamed).Select(t => t.Key)) + (targets.Count > MaxTargetsNamed ? ", ..." : "");
                what = $"cannot reach {targets.Count:N0} targets its peers reach ({named})";
            }

            if (!hosts.TryGetValue(group.Key, out var blame))
                hosts[group.Key] = suspectSources[group.Key] = blame = new HostBlame(BlameKind.Source, group.Key, targets.Count, 0, $"{group.Key}: {what}");
            else
                blame.Text += $"; {what}"; // already blamed as a target: one line for the host, its counts stay the target's

            foreach (var f in group)
            {
                blame.Add(f, f.Flow.From);
                explained.Add(f.Link);
            }
        }

        if (suspectSources.Count > 0) CountTargets(links, flows, now, thresholds, suspectSources);
        var marks = hosts.Values
            .OrderBy(h => h.Kind).ThenByDescending(h => h.Failing).ThenBy(h => h.Host, StringComparer.OrdinalIgnoreCase)
            .Select(h => h.ToMark())
            .ToList();

        // What is left belongs to the edge: failing links with no suspect host.
        var leftOver = failing.Where(f => !explained.Contains(f.Link)).ToLookup(f => f.Flow.Id, StringComparer.Ordinal);
        foreach (var flow in catalogue.Flows)
        {
            var left = leftOver[flow.Id].Count();
            if (left == 0) continue;
            var total = tally.FreshOf(flow.Id);
            marks.Add(new BlameMark(BlameKind.Edge, flow.To, null, left, total,
                $"{left:N0} of {total:N0} links failing with no common source or target", [flow.Id]));
        }

        return marks;
    }

    /// <summary>A source mark's total: the distinct targets (host and port, loopback left out) the source probes.</summary>
    private static void CountTargets(IEnumerable<LinkSnapshot> links, Dictionary<string, Flow> flows, DateTimeOffset now, EdgeThresholds thresholds,
        Dictionary<string, HostBlame> sources)
    {
        var targets = sources.Keys.ToDictionary(k => k, _ => new HashSet<PeerKey>(PeerKey.Comparer), StringComparer.OrdinalIgnoreCase);
        foreach (var link in links)
        {
            if (!targets.TryGetValue(link.AgentId, out var probed) || !flows.TryGetValue(link.FlowId, out var flow) || flow.Loopback
                || EdgeAggregator.IsStale(link, now, thresholds)) continue;
            probed.Add(new PeerKey("", link.TargetHost, link.Port)); // any flow: a target is a host and port
        }

        foreach (var (agent, probed) in targets) sources[agent].Total = probed.Count;
    }

    /// <summary>"clients" / "1 other client reaches"; other roles by their name without the parenthesis: "Shopping Website hosts".</summary>
    private static string PeerWord(FlowCatalogue catalogue, string roleId, int count)
    {
        var name = catalogue.FindRole(roleId)?.Name ?? roleId;
        var cut = name.IndexOf(" (", StringComparison.Ordinal);
        if (cut > 0) name = name[..cut];
        var noun = string.Equals(roleId, "Client", StringComparison.Ordinal) ? "client" : $"{name} host";
        return count == 1 ? $"{noun} reaches" : $"{noun}s reach";
    }

    private sealed record Failure(LinkSnapshot Link, Flow Flow);

    /// <summary>One suspect host being built: what it explains and the role each failing link gives it.</summary>
    private sealed class HostBlame(BlameKind kind, string host, int failing, int total, string text)
    {
        private readonly Dictionary<string, int> _roles = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _flowIds = new(StringComparer.Ordinal);

        public BlameKind Kind => kind;

        public string Host => host;

        public int Failing => failing;

        public int Total { get; set; } = total;

        public string Text { get; set; } = text;

        public void Add(Failure failure, string role)
        {
            _roles[role] = _roles.GetValueOrDefault(role) + 1;
            _flowIds.Add(failure.Flow.Id);
        }

        /// <summary>The diagram marks the role of most of the host's failing links (a multi-role host has one line).</summary>
        public BlameMark ToMark() => new(kind, _roles.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).First().Key,
            host, failing, Total, Text, _flowIds.ToArray());
    }

    /// <summary>The counts the marks need, taken in one pass over the fresh links, only for the hosts and keys that fail.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, HashSet<string>> _sources = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<PeerKey, HashSet<string>> _reaching = new(PeerKey.Comparer);
        private readonly Dictionary<string, int> _fresh = new(StringComparer.Ordinal);

        public static Tally Of(List<Failure> failing, IEnumerable<LinkSnapshot> links, Dictionary<string, Flow> flows, DateTimeOffset now, EdgeThresholds thresholds)
        {
            var tally = new Tally();
            foreach (var f in failing)
            {
                tally._fresh[f.Flow.Id] = 0;
                if (f.Flow.Loopback) continue;
                tally._sources.TryAdd(f.Link.TargetHost, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                tally._reaching.TryAdd(PeerKey.Of(f.Link), new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            }

            foreach (var link in links)
            {
                if (!flows.TryGetValue(link.FlowId, out var flow) || EdgeAggregator.IsStale(link, now, thresholds)) continue;
                if (tally._fresh.TryGetValue(flow.Id, out var fresh)) tally._fresh[flow.Id] = fresh + 1;
                if (flow.Loopback) continue;
                if (tally._sources.TryGetValue(link.TargetHost, out var sources)) sources.Add(link.AgentId);
                if (link.Outcome == ProbeOutcome.Reachable && tally._reaching.TryGetValue(PeerKey.Of(link), out var reaching)) reaching.Add(link.AgentId);
            }

            return tally;
        }

        /// <summary>The distinct sources with a fresh link to the host, on any flow.</summary>
        public int SourcesOf(string host) => _sources[host].Count;

        /// <summary>The other sources that reach the failure's target and port on its flow.</summary>
        public int PeersReaching(Failure f) =>
            _reaching.TryGetValue(PeerKey.Of(f.Link), out var reaching) ? reaching.Count - (reaching.Contains(f.Link.AgentId) ? 1 : 0) : 0;

        public int FreshOf(string flowId) => _fresh[flowId];
    }

    /// <summary>Peers probe the same flow to the same target and port; host names compared as DNS does, ignoring case.</summary>
    private readonly record struct PeerKey(string FlowId, string Target, int Port)
    {
        public static readonly IEqualityComparer<PeerKey> Comparer = new KeyComparer();

        public static PeerKey Of(LinkSnapshot link) => new(link.FlowId, link.TargetHost, link.Port);

        private sealed class KeyComparer : IEqualityComparer<PeerKey>
        {
            public bool Equals(PeerKey x, PeerKey y) =>
                x.Port == y.Port && string.Equals(x.FlowId, y.FlowId, StringComparison.Ordinal) && string.Equals(x.Target, y.Target, StringComparison.OrdinalIgnoreCase);

            public int GetHashCode(PeerKey key) =>
                HashCode.Combine(StringComparer.Ordinal.GetHashCode(key.FlowId), StringComparer.OrdinalIgnoreCase.GetHashCode(key.Target), key.Port);
        }
    }
}
