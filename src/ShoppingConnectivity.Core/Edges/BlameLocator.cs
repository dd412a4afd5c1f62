using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Edges;

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
