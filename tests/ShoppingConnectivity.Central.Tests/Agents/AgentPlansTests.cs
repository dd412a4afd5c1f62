using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Agents;

/// <summary>Plans are derived per host, but equal probes of hosts of one role are one instance (memory on big estates).</summary>
public sealed class AgentPlansTests : IDisposable
{
    private const string TwoClients = """
        {
          "name": "Two clients",
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "pc01", "address": "127.0.0.1", "roles": ["Client"] },
            { "name": "pc02", "address": "127.0.0.1", "roles": ["Client"] }
          ]
        }
        """;

    private readonly CentralFactory _factory = new(estateJson: TwoClients);

    [Fact]
    public void For_HostsOfOneRole_EqualProbesOneInstance()
    {
        var plans = _factory.Services.GetRequiredService<AgentPlans>();

        var first = plans.For("pc01", "pc01")!;
        var second = plans.For("pc02", "pc02")!;

        Assert.Equal(("pc01", "pc02"), (first.Plan.HostName, second.Plan.HostName));
        var website = first.ProbesById["client-website-http/web01/80"];
        Assert.Same(website, second.ProbesById["client-website-http/web01/80"]);
        Assert.Same(website, Assert.Single(second.Plan.Probes, p => p.FlowId == "client-website-http"));
        // Each client's Tachyon agent is its own.
        Assert.Equal("pc02", second.ProbesById["client-tachyon-http/pc02/8000"].TargetHost);
        Assert.False(first.ProbesById.ContainsKey("client-tachyon-http/pc02/8000"));
    }

    [Fact]
    public void For_HostsOfOtherRoles_OwnProbes()
    {
        var plans = _factory.Services.GetRequiredService<AgentPlans>();

        var client = plans.For("pc01", "pc01")!;
        var website = plans.For("web01", "web01")!;

        Assert.NotEqual(client.Plan.Probes, website.Plan.Probes);
        Assert.DoesNotContain(website.Plan.Probes, p => client.ProbesById.ContainsKey(p.ProbeId));
    }

    [Fact]
    public void For_AfterInvalidate_EqualProbesDerivedAgain()
    {
        var plans = _factory.Services.GetRequiredService<AgentPlans>();
        var before = plans.For("pc01", "pc01")!;

        plans.Invalidate();
        var after = plans.For("pc01", "pc01")!;

        Assert.Equal(before.Plan.Probes, after.Plan.Probes);
        Assert.NotSame(before.Plan.Probes[0], after.Plan.Probes[0]);
    }

    public void Dispose() => _factory.Dispose();
}
