using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Scheduling;

/// <summary>The plan in force and its ETag (sent back to central, which answers 304 while the plan is unchanged).</summary>
public sealed class PlanHolder
{
    private volatile State _state = new(null, null);

    private sealed record State(AgentPlan? Plan, string? ETag);

    public AgentPlan? Plan => _state.Plan;

    public string? ETag => _state.ETag;

    public void Set(AgentPlan plan, string? etag) => _state = new State(plan, etag);
}
