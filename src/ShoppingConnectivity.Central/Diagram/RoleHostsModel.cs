using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Outcomes;

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
    /// <remarks>A list per host, not a dictionary: the links come flow after flow, so a host's last entry is the flow at hand.</remarks>
    private static Dictionary<string, List<(Flow Flow, List<LinkSnapshot> Links)>> Group(
        IEnumerable<Flow> flows, Func<string, IReadOnlyList<LinkSnapshot>> linksOf, Func<LinkSnapshot, string> hostOf)
    {
        var byHost = new Dictionary<string, List<(Flow Flow, List<LinkSnapshot> Links)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var flow in flows)
        {
            foreach (var link in linksOf(flow.Id))
            {
                var host = hostOf(link);
                if (!byHost.TryGetValue(host, out var byFlow)) byHost[host] = byFlow = [];
                if (byFlow.Count == 0 || !ReferenceEquals(byFlow[^1].Flow, flow)) byFlow.Add((flow, []));
                byFlow[^1].Links.Add(link);
            }
        }

        return byHost;
    }

    /// <summary>
    /// One side of one host: each flow judged as its edge is (<see cref="EdgeAggregator.ColourOf"/>) on these links
    /// alone, the worst flow with fresh links giving the colour; grey only when no link is fresh. Counted here rather
    /// than through <see cref="EdgeAggregator.Aggregate"/>, whose summary text cost most of the time on 50,000 clients.
    /// </summary>
    private static RoleHostState Side(List<(Flow Flow, List<LinkSnapshot> Links)>? byFlow, string unit, DateTimeOffset now, EdgeThresholds thresholds)
    {
        if (byFlow is null) return RoleHostState.NoData(unit);
        var colour = EdgeColour.Grey;
        int reachable = 0, fresh = 0, silent = 0;
        DegradedCause? cause = null;
        foreach (var (flow, links) in byFlow)
        {
            int flowFresh = 0, flowFailing = 0, flowDegraded = 0;
            foreach (var link in links)
            {
                if (EdgeAggregator.IsStale(link, now, thresholds))
                {
                    silent++;
                    continue;
                }

                flowFresh++;
                if (link.Outcome != ProbeOutcome.Reachable) flowFailing++;
                else if (link.Degraded)
                {
                    flowDegraded++;
                    var why = DegradedCause.Of(link.Detail, now);
                    if (cause is null || why.Urgency < cause.Urgency) cause = why;
                }
            }

            if (flowFresh == 0) continue;
            fresh += flowFresh;
            reachable += flowFresh - flowFailing;
            var flowColour = EdgeAggregator.ColourOf(flow, flowFresh, flowFailing, flowDegraded, thresholds);
            if (Severity(flowColour) > Severity(colour)) colour = flowColour;
        }

        if (unit == LinksUnit) return new RoleHostState(colour, reachable, fresh, silent, unit, cause?.Text);

        // Inbound counts sources, as the host page and the suspects do: a source reaches the host when every one of
        // its fresh links to it answers.
        var sources = byFlow.SelectMany(f => f.Links).Where(l => !EdgeAggregator.IsStale(l, now, thresholds))
            .GroupBy(l => l.AgentId, StringComparer.OrdinalIgnoreCase).ToList();
        var reaching = sources.Count(s => s.All(l => l.Outcome == ProbeOutcome.Reachable));
        return new RoleHostState(colour, reaching, sources.Count, silent, unit, cause?.Text);
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
