using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>
/// The hosts of one role, each with what it reaches and who reaches it: which DC of several fails, which client cannot
/// reach anything. Failing hosts first, then by name, at most <see cref="MaxHosts"/> (a client role has thousands).
/// </summary>
/// <param name="Flows">The role's flows switched on in the estate, from it or to it.</param>
/// <param name="OutboundFlows">Flows from the role: its hosts probe them. 0: the rows have no outbound side.</param>
/// <param name="InboundFlows">Flows to the role: its hosts are their targets. 0: the rows have no inbound side.</param>
/// <param name="HostCount">Every host of the role, listed or not.</param>
/// <param name="Failing">Hosts broken or partly failing on either side.</param>
public sealed record RoleHostsModel(
    RoleDefinition Role,
    int Flows,
    int OutboundFlows,
    int InboundFlows,
    IReadOnlyList<RoleHostRow> Hosts,
    int HostCount,
    int Failing)
{
    /// <summary>The most hosts listed: the rest are counted ("and 4,950 more") and each has its host page.</summary>
    public const int MaxHosts = 50;

    public const string LinksUnit = "links";

    public const string SourcesUnit = "sources";

    /// <summary>Hosts of the role not listed.</summary>
    public int More => HostCount - Hosts.Count;

    /// <summary>The role's hosts from the estate in force and the live links; null when the catalogue has no such role.</summary>
    /// <param name="linksOf">The live links of one flow (<see cref="Live.LiveState.LinksOf"/>).</param>
    public static RoleHostsModel? Of(
        FlowCatalogue catalogue,
        Estate estate,
        string roleId,
        Func<string, IReadOnlyList<LinkSnapshot>> linksOf,
        DateTimeOffset now,
        EdgeThresholds thresholds,
        int max = MaxHosts)
    {
        if (catalogue.FindRole(roleId) is not { } role) return null;
        // A flow switched off has no probes: its last links are history, not state.
        var enabled = catalogue.Flows.Where(f => f.IsEnabled(estate.Switches)).ToList();
        var outbound = enabled.Where(f => f.From == role.Id).ToList();
        var inbound = enabled.Where(f => f.To == role.Id).ToList();

        var hosts = new Dictionary<string, (string Name, bool InEstate)>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in estate.HostsWithRole(role.Id)) hosts.TryAdd(host.Name, (host.Name, true));
        // A loopback flow's target lives on each of its sources (the Tachyon agent on every client).
        foreach (var flow in inbound.Where(f => f.Loopback))
            foreach (var host in estate.HostsWithRole(flow.From)) hosts.TryAdd(host.Name, (host.Name, true));

        // Agent ids are lower-case host names; a loopback link targets its own source by name.
        var from = Group(outbound, linksOf, l => l.AgentId);
        var to = Group(inbound, linksOf, l => l.TargetHost);
        foreach (var name in from.Keys.Concat(to.Keys))
            hosts.TryAdd(name, (estate.FindHost(name)?.Name ?? name, false));

        var rows = hosts.Select(h => new RoleHostRow(h.Value.Name, h.Value.InEstate,
                outbound.Count == 0 ? null : Side(from.GetValueOrDefault(h.Key), LinksUnit, now, thresholds),
                inbound.Count == 0 ? null : Side(to.GetValueOrDefault(h.Key), SourcesUnit, now, thresholds)))
            .ToList();
        var listed = rows.OrderBy(r => r.Rank).ThenBy(r => r.Host, StringComparer.OrdinalIgnoreCase).Take(max).ToList();
        return new RoleHostsModel(role, enabled.Count(f => f.From == role.Id || f.To == role.Id), outbound.Count, inbound.Count,
            listed, rows.Count, rows.Count(r => r.IsFailing));
    }

    /// <summary>The links of <paramref name="flows"/> by host (<paramref name="hostOf"/>), then by flow.</summary>
    private static Dictionary<string, Dictionary<Flow, List<LinkSnapshot>>> Group(
        IEnumerable<Flow> flows, Func<string, IReadOnlyList<LinkSnapshot>> linksOf, Func<LinkSnapshot, string> hostOf)
    {
        var byHost = new Dictionary<string, Dictionary<Flow, List<LinkSnapshot>>>(StringComparer.OrdinalIgnoreCase);
        foreach (var flow in flows)
        {
            foreach (var link in linksOf(flow.Id))
            {
                var host = hostOf(link);
                if (!byHost.TryGetValue(host, out var byFlow)) byHost[host] = byFlow = [];
                if (!byFlow.TryGetValue(flow, out var links)) byFlow[flow] = links = [];
                links.Add(link);
            }
        }

        return byHost;
    }

    /// <summary>
    /// One side of one host: each flow judged as its edge would be on these links alone (thresholds, silence,
    /// degradation), the worst flow with fresh data giving the colour; grey only when no link is fresh.
    /// </summary>
    private static RoleHostState Side(Dictionary<Flow, List<LinkSnapshot>>? byFlow, string unit, DateTimeOffset now, EdgeThresholds thresholds)
    {
        if (byFlow is null) return RoleHostState.NoData(unit);
        var colour = EdgeColour.Grey;
        int reachable = 0, fresh = 0, silent = 0;
        string? cause = null;
        foreach (var (flow, links) in byFlow)
        {
            var aggregate = EdgeAggregator.Aggregate(flow, enabled: true, links, now, thresholds);
            silent += aggregate.Stale;
            var count = aggregate.Counts.Values.Sum();
            if (count == 0) continue;
            fresh += count;
            reachable += aggregate.Counts.GetValueOrDefault(ProbeOutcome.Reachable);
            cause ??= aggregate.Cause;
            if (Severity(aggregate.Colour) > Severity(colour)) colour = aggregate.Colour;
        }

        if (unit == LinksUnit) return new RoleHostState(colour, reachable, fresh, silent, unit, cause);

        // Inbound counts sources, as the host page and the suspects do: a source reaches the host when every one of
        // its fresh links to it answers.
        var sources = byFlow.Values.SelectMany(l => l).Where(l => !EdgeAggregator.IsStale(l, now, thresholds))
            .GroupBy(l => l.AgentId, StringComparer.OrdinalIgnoreCase).ToList();
        var reaching = sources.Count(s => s.All(l => l.Outcome == ProbeOutcome.Reachable));
        return new RoleHostState(colour, reaching, sources.Count, silent, unit, cause);
    }

    /// <summary>Among the colours of flows with fresh links: red over amber over green.</summary>
    private static int Severity(EdgeColour colour) => colour switch
    {
        EdgeColour.Red => 3,
        EdgeColour.Amber => 2,
        EdgeColour.Green => 1,
        _ => 0,
    };
}
