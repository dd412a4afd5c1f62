namespace ShoppingConnectivity.Core.TestNow;

/// <summary>
/// Which agents a "Test now" asks, and for which probes; <see cref="LeftOut"/> more agents probe the target too but are
/// not asked (an edge of 50,000 clients is not worth 50,000 probes at once: a sample says whether the rule works).
/// </summary>
public sealed record TestNowPlan(IReadOnlyList<AgentAsk> Agents, int LeftOut)
{
    public int Probes => Agents.Sum(a => a.ProbeIds.Count);
}
