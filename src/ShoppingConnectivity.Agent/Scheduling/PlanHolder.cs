using System.Collections.Frozen;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>The plan in force and its ETag; probe jobs look their probe up here by id.</summary>
public sealed class PlanHolder
{
    private volatile State _state = new(null, null, FrozenDictionary<string, PlannedProbe>.Empty);

    private sealed record State(AgentPlan? Plan, string? ETag, FrozenDictionary<string, PlannedProbe> ById);

    public AgentPlan? Plan => _state.Plan;

    public string? ETag => _state.ETag;

    public PlannedProbe? Find(string probeId) => _state.ById.GetValueOrDefault(probeId);

    public void Set(AgentPlan plan, string? etag) =>
        _state = new State(plan, etag, plan.Probes.ToFrozenDictionary(p => p.ProbeId, StringComparer.Ordinal));
}
