using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.TestNow;

namespace ShoppingConnectivity.Core.Tests.TestNow;

public sealed class TestNowResolverTests
{
    private const string Sql = "website-shoppingdb-sql";
    private const string Ae = "central-activeefficiency-http";
    private const string Ldap = "website-dc-ldap";

    private static PlannedProbe Probe(string flowId, string target, int port) =>
        new($"{flowId}/{target}/{port}", flowId, "tcp", target, "127.0.0.1", port, 1000, 600);

    private static readonly PlannedAgent Web01 = new("web01", [Probe(Sql, "db01", 1433), Probe(Ae, "ae01", 80), Probe(Ldap, "dc01", 389)]);
    private static readonly PlannedAgent Web02 = new("web02", [Probe(Sql, "db01", 1433), Probe(Ldap, "dc01", 389)]);
    private static readonly PlannedAgent Db01 = new("db01", [Probe(Ldap, "dc01", 389)]);

    [Fact]
    public void Resolve_Edge_AsksEveryAgentWithAProbeOfTheFlowForThoseProbesOnly()
    {
        var plan = TestNowResolver.Resolve(TestNowTarget.Edge(Sql), [Web02, Db01, Web01]);

        Assert.Equal(["web01", "web02"], plan.Agents.Select(a => a.AgentId));
        Assert.All(plan.Agents, a => Assert.Equal([$"{Sql}/db01/1433"], a.ProbeIds));
        Assert.Equal(0, plan.LeftOut);
        Assert.Equal(2, plan.Probes);
    }

    [Fact]
    public void Resolve_Host_AsksItsOwnAgentFirstForEverythingThenWhoeverProbesIt()
    {
        var plan = TestNowResolver.Resolve(TestNowTarget.Host("DB01"), [Web01, Web02, Db01]);

        Assert.Equal(["db01", "web01", "web02"], plan.Agents.Select(a => a.AgentId));
        Assert.Equal([$"{Ldap}/dc01/389"], plan.Agents[0].ProbeIds);
        Assert.Equal([$"{Sql}/db01/1433"], plan.Agents[1].ProbeIds);
        Assert.Equal([$"{Sql}/db01/1433"], plan.Agents[2].ProbeIds);
    }

    [Fact]
    public void Resolve_Link_AsksThatAgentForThatProbeOnly()
    {
        var plan = TestNowResolver.Resolve(TestNowTarget.Link("web01", $"{Ae}/ae01/80"), [Web01, Web02, Db01]);

        var ask = Assert.Single(plan.Agents);
        Assert.Equal("web01", ask.AgentId);
        Assert.Equal([$"{Ae}/ae01/80"], ask.ProbeIds);
    }

    [Fact]
    public void Resolve_LinkNotInThePlan_AsksNobody()
    {
        var plan = TestNowResolver.Resolve(TestNowTarget.Link("web02", $"{Ae}/ae01/80"), [Web01, Web02]);

        Assert.Empty(plan.Agents);
        Assert.Equal(0, plan.Probes);
    }

    [Fact]
    public void Resolve_MoreAgentsThanTheLimit_AsksTheFirstAndCountsTheRest()
    {
        var clients = Enumerable.Range(0, 120).Select(i => new PlannedAgent($"pc{i:00000}", [Probe("client-central-http", "web01", 80)])).ToList();

        var plan = TestNowResolver.Resolve(TestNowTarget.Edge("client-central-http"), clients, maxAgents: 50);

        Assert.Equal(50, plan.Agents.Count);
        Assert.Equal("pc00000", plan.Agents[0].AgentId);
        Assert.Equal(70, plan.LeftOut);
    }

    [Fact]
    public void Key_HostAndLinkInAnyCase_SameKey()
    {
        Assert.Equal(TestNowTarget.Host("web01").Key, TestNowTarget.Host("WEB01").Key);
        Assert.Equal(TestNowTarget.Link("web01", "p").Key, TestNowTarget.Link("Web01", "p").Key);
        Assert.NotEqual(TestNowTarget.Edge("web01").Key, TestNowTarget.Host("web01").Key);
    }
}
