using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>The plan of each host of the estate, derived once and kept while the estate is unchanged.</summary>
public sealed class AgentPlans(FlowCatalogue catalogue, EstateStore estate, IOptions<CentralOptions> options)
{
    private readonly ConcurrentDictionary<string, PlanEntry?> _plans = new(StringComparer.OrdinalIgnoreCase);
    private readonly ProbeDefaults _defaults = new(options.Value.ProbeTimeoutMs, options.Value.ProbeIntervalSeconds);

    /// <summary>The host's plan, or null when the estate has no such host.</summary>
    public PlanEntry? For(string agentId, string hostName) => _plans.GetOrAdd(hostName, name =>
    {
        var host = estate.Current.FindHost(name);
        if (host is null) return null;
        var plan = PlanBuilder.PlanFor(catalogue, estate.Current, host, agentId, _defaults);
        return new PlanEntry(plan, plan.Probes.ToDictionary(p => p.ProbeId, StringComparer.Ordinal));
    });

    public sealed record PlanEntry(AgentPlan Plan, IReadOnlyDictionary<string, PlannedProbe> ProbesById);
}
