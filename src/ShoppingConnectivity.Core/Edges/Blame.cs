using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>Where a failure most likely sits: one target host, one source host, or only the edge itself.</summary>
public enum BlameKind
{
    /// <summary>Many sources fail to reach one host: that host (or the network in front of it) is the suspect.</summary>
    Target,
    /// <summary>One source fails to reach many targets: that host (its firewall, routes or DNS) is the suspect.</summary>
    Source,
    /// <summary>Failing links with no common host: the flow itself (a firewall rule on the way) is the suspect.</summary>
    Edge,
}

/// <summary>
/// One suspect. <see cref="Role"/> is the diagram node to mark (the role the host plays in the failing flows);
/// <see cref="Host"/> is null for <see cref="BlameKind.Edge"/>. <see cref="FlowIds"/> are the flows whose failing
/// links the mark explains, so a drill-down can show the marks of its edge.
/// </summary>
public sealed record BlameMark(
    BlameKind Kind,
    string Role,
    string? Host,
    int Failing,
    int Total,
    string Text,
    IReadOnlyList<string> FlowIds);

/// <summary>
/// When a host is blamed rather than the edge: at least <see cref="MinSources"/> sources failing to one target
/// (or one source failing to <see cref="MinTargets"/> targets), and at least <see cref="Share"/> of them.
/// </summary>
public sealed record BlameRules(int MinSources = 3, int MinTargets = 2, double Share = 0.5)
{
    public static BlameRules Default { get; } = new();
}

/// <summary>
/// Localises failures over the fresh links of the enabled flows. Pure: the same links give the same marks.
/// Target marks come first (many sources to one host), then source marks over the failures no target mark
/// explains (one host to many targets), then one edge mark per flow for whatever is left.
/// </summary>
public static class BlameLocator
{
    public static IReadOnlyList<BlameMark> Locate(
        FlowCatalogue catalogue,
        IEnumerable<LinkSnapshot> links,
        Func<Flow, bool> enabled,
        DateTimeOffset now,
        EdgeThresholds thresholds,
        BlameRules rules)
    {
        var flows = catalogue.Flows.Where(enabled).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var fresh = new List<(LinkSnapshot Link, Flow Flow)>();
        foreach (var link in links)
        {
            if (flows.TryGetValue(link.FlowId, out var flow) && !EdgeAggregator.IsStale(link, now, thresholds))
                fresh.Add((link, flow));
        }

        var marks = new List<BlameMark>();
        var explained = new HashSet<LinkSnapshot>(ReferenceEqualityComparer.Instance);

        // Many sources -> one target. Loopback flows target the source itself: never a shared target.
        foreach (var group in fresh.Where(x => !x.Flow.Loopback)
                     .GroupBy(x => (Host: x.Link.TargetHost.ToLowerInvariant(), Role: x.Flow.To))
                     .OrderBy(g => g.Key.Role, StringComparer.Ordinal).ThenBy(g => g.Key.Host, StringComparer.Ordinal))
        {
            var sources = group.Select(x => x.Link.AgentId).Distinct(StringComparer.Ordinal).Count();
            var failing = group.Where(x => x.Link.Outcome != ProbeOutcome.Reachable).ToList();
            var failingSources = failing.Select(x => x.Link.AgentId).Distinct(StringComparer.Ordinal).Count();
            if (failingSources < rules.MinSources || (double)failingSources / sources < rules.Share) continue;

            var host = failing[0].Link.TargetHost;
            marks.Add(new BlameMark(BlameKind.Target, group.Key.Role, host, failingSources, sources,
                $"{host}: unreachable from {failingSources:N0} of {sources:N0} sources", FlowIdsOf(failing)));
            foreach (var x in failing) explained.Add(x.Link);
        }

        // One source -> many targets, over the failures no target explains.
        foreach (var group in fresh.GroupBy(x => (Host: x.Link.AgentId, Role: x.Flow.From))
                     .OrderBy(g => g.Key.Role, StringComparer.Ordinal).ThenBy(g => g.Key.Host, StringComparer.Ordinal))
        {
            var targets = group.Select(TargetOf).Distinct(StringComparer.Ordinal).Count();
            var failing = group.Where(x => x.Link.Outcome != ProbeOutcome.Reachable && !explained.Contains(x.Link)).ToList();
            var failingTargets = failing.Select(TargetOf).Distinct(StringComparer.Ordinal).Count();
            if (failingTargets < rules.MinTargets || (double)failingTargets / targets < rules.Share) continue;

            marks.Add(new BlameMark(BlameKind.Source, group.Key.Role, group.Key.Host, failingTargets, targets,
                $"{group.Key.Host}: cannot reach {failingTargets:N0} of {targets:N0} targets", FlowIdsOf(failing)));
            foreach (var x in failing) explained.Add(x.Link);
        }

        // What is left belongs to the edge: failing links with no common host.
        foreach (var group in fresh.GroupBy(x => x.Flow.Id, StringComparer.Ordinal))
        {
            var left = group.Count(x => x.Link.Outcome != ProbeOutcome.Reachable && !explained.Contains(x.Link));
            if (left == 0) continue;
            var total = group.Count();
            var flow = group.First().Flow;
            marks.Add(new BlameMark(BlameKind.Edge, flow.To, null, left, total,
                $"{left:N0} of {total:N0} links failing with no common source or target", [flow.Id]));
        }

        return marks;
    }

    /// <summary>A loopback target is the source's own machine: count it per flow, so it is one target among many.</summary>
    private static string TargetOf((LinkSnapshot Link, Flow Flow) x) =>
        x.Flow.Loopback ? $"{x.Flow.To}@{x.Link.TargetHost.ToLowerInvariant()}" : x.Link.TargetHost.ToLowerInvariant();

    private static string[] FlowIdsOf(IEnumerable<(LinkSnapshot Link, Flow Flow)> links) =>
        links.Select(x => x.Flow.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
