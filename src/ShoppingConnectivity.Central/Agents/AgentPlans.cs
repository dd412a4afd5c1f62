using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>The plan of each host of the estate, derived once and kept until the estate changes.</summary>
public sealed class AgentPlans
{
    private readonly ConcurrentDictionary<string, PlanEntry?> _plans = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Hosts of one role get equal probes: each is held once, however many plans have it (a plan per host made 260,000
    /// probe records and their texts for 20,000 clients, and the links took their texts from them). Emptied with the plans.
    /// </summary>
    private readonly ConcurrentDictionary<PlannedProbe, PlannedProbe> _probes = new();
    private readonly FlowCatalogue _catalogue;
    private readonly EstateStore _estate;
    private readonly ProbeDefaults _defaults;
    private readonly Func<IReadOnlyList<PlannedProbe>, ReportPolicy> _reporting;

    public AgentPlans(FlowCatalogue catalogue, EstateStore estate, IOptions<CentralOptions> options, AlertRules alerts)
    {
        _catalogue = catalogue;
        _estate = estate;
        _defaults = options.Value.ProbeDefaults();
        // Results must arrive before their links count as silent, and every run an alert rule counts goes at once.
        var staleAfter = options.Value.StaleAfterIntervals;
        _reporting = probes => Reporting.PolicyFor(probes, staleAfter, flowId =>
        {
            var rule = alerts.For(flowId);
            return Math.Max(rule.BrokenAfter, rule.RecoveredAfter);
        });
        // A changed estate changes plans: the next fetch derives them again, with a new version (ETag).
        estate.Changed += _ => Invalidate();
    }

    /// <summary>Forgets every derived plan; the next fetch derives them again from the estate in force.</summary>
    public void Invalidate()
    {
        _plans.Clear();
        _probes.Clear();
    }

    /// <summary>The host's plan, or null when the estate has no such host.</summary>
    public PlanEntry? For(string agentId, string hostName) => _plans.GetOrAdd(hostName, name =>
    {
        var estate = _estate.Current;
        var host = estate.FindHost(name);
        if (host is null) return null;
        var plan = PlanBuilder.PlanFor(_catalogue, estate, host, agentId, _defaults, _reporting);
        plan = plan with { Probes = plan.Probes.Select(p => _probes.GetOrAdd(p, p)).ToArray() };
        return new PlanEntry(plan, plan.Probes.ToDictionary(p => p.ProbeId, StringComparer.Ordinal));
    });

    public sealed record PlanEntry(AgentPlan Plan, IReadOnlyDictionary<string, PlannedProbe> ProbesById)
    {
        /// <summary>The shortest probe interval of the plan: an agent silent for a few of these is silent.</summary>
        public int ShortestIntervalSeconds => Plan.Probes.Count == 0 ? 0 : Plan.Probes.Min(p => p.IntervalSeconds);
    }
}
