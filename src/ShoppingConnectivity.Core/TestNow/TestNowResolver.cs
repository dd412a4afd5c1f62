namespace ShoppingConnectivity.Core.TestNow;

/// <summary>Which probes of which agents a "Test now" of an edge, a host or a link means, from the agents' plans.</summary>
public static class TestNowResolver
{
    /// <summary>Most agents one request asks; the rest are counted in <see cref="TestNowPlan.LeftOut"/>.</summary>
    public const int DefaultMaxAgents = 50;

    /// <summary>
    /// Edge: every probe of the flow, on every agent that has one. Host: every probe of the host's own agent (what it
    /// reaches) and every probe other agents aim at it (who reaches it), its own agent first. Link: that one probe of
    /// that agent, when its plan has it. Agents in id order (the host's own first); past <paramref name="maxAgents"/>
    /// they are counted, not asked.
    /// </summary>
    public static TestNowPlan Resolve(TestNowTarget target, IEnumerable<PlannedAgent> agents, int maxAgents = DefaultMaxAgents)
    {
        var asks = new List<AgentAsk>();
        foreach (var agent in agents.OrderBy(a => a.AgentId, StringComparer.OrdinalIgnoreCase))
        {
            var own = string.Equals(agent.AgentId, target.Name, StringComparison.OrdinalIgnoreCase);
            var probes = agent.Probes.Where(p => target.Scope switch
            {
                TestNowScope.Edge => p.FlowId == target.Name,
                TestNowScope.Host => own || string.Equals(p.TargetHost, target.Name, StringComparison.OrdinalIgnoreCase),
                _ => own && p.ProbeId == target.ProbeId,
            }).Select(p => p.ProbeId).Distinct(StringComparer.Ordinal).ToList();
            if (probes.Count == 0) continue;
            var ask = new AgentAsk(agent.AgentId, probes);
            if (own && target.Scope == TestNowScope.Host) asks.Insert(0, ask);
            else asks.Add(ask);
        }

        var limit = Math.Max(1, maxAgents);
        return asks.Count <= limit ? new TestNowPlan(asks, 0) : new TestNowPlan(asks.Take(limit).ToList(), asks.Count - limit);
    }
}
