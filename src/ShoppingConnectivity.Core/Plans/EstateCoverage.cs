using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Plans;

/// <summary>
/// Whether an estate has hosts at both ends of a flow. Without a source host nobody probes it, without a target host
/// there is nothing to probe: its edge can never have links, so it is "not in this estate", not "no data".
/// </summary>
public static class EstateCoverage
{
    /// <summary>Null when the flow has hosts at both ends; else why not: "no ActiveEfficiency host".</summary>
    public static string? Missing(Flow flow, Estate estate, FlowCatalogue catalogue)
    {
        var roles = new List<string>(2);
        if (!estate.HostsWithRole(flow.From).Any()) roles.Add(flow.From);
        // A loopback flow targets the source's own machine: its sources are its targets.
        if (!flow.Loopback && !estate.HostsWithRole(flow.To).Any() && !roles.Contains(flow.To, StringComparer.Ordinal)) roles.Add(flow.To);
        return roles.Count == 0 ? null : $"no {string.Join(" and no ", roles.Select(r => catalogue.FindRole(r)?.Name ?? r))} host";
    }
}
