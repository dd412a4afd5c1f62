using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>Central and a real agent process on loopback: one open port, one closed port.</summary>
public sealed class EdgesEndToEndTests
{
    [Fact]
    public async Task AgentProbing_OpenAndClosedPort_OneEdgeGreenOneRed()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        var before = await central.EdgesAsync();
        Assert.Equal("Grey", before[LoopbackEstate.OpenFlow].GetProperty("colour").GetString());

        using var agent = central.StartAgent("web01");
        var edges = await central.WaitForEdgesAsync(
            e => e[LoopbackEstate.OpenFlow].GetProperty("colour").GetString() == "Green"
                && e[LoopbackEstate.ClosedFlow].GetProperty("colour").GetString() == "Red"
                && e["central-shoppingdb-sql"].GetProperty("colour").GetString() == "Red",
            TimeSpan.FromSeconds(60), agent);

        var open = edges[LoopbackEstate.OpenFlow];
        Assert.Equal("Reachable", open.GetProperty("label").GetString());
        Assert.True(open.GetProperty("counts").GetProperty("Reachable").GetInt32() >= 1);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, open.GetProperty("lastChange").ValueKind);
        var closed = edges[LoopbackEstate.ClosedFlow];
        Assert.Equal("Broken", closed.GetProperty("label").GetString());
        Assert.True(closed.GetProperty("counts").GetProperty("Refused").GetInt32() >= 1);
        // Flows the estate gives no target (no DC listed) stay grey: nothing to probe.
        Assert.Equal("Grey", edges["website-dc-ldap"].GetProperty("colour").GetString());
    }

    [Fact]
    public async Task EstateEdited_WhileAgentRuns_NewPlanTakesEffectWithoutRestart()
    {
        using var estate = new LoopbackEstate();
        using var central = await Central.StartAsync(estate.Json);
        using var agent = central.StartAgent("web01");
        await central.WaitForEdgesAsync(e => e[LoopbackEstate.ClosedFlow].GetProperty("colour").GetString() == "Red", TimeSpan.FromSeconds(60), agent);
        var planBefore = await central.PlanVersionAsync("web01");

        // Point the SQL Server at a port where a server answers: central derives a new plan, the agent fetches it.
        using var sql = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        sql.Start();
        var sqlPort = ((System.Net.IPEndPoint)sql.LocalEndpoint).Port;
        await File.WriteAllTextAsync(central.EstatePath, estate.JsonWith(sqlPort));

        var edges = await central.WaitForEdgesAsync(
            // Wait for the new port's first result: right after the plan change the edge has no link at all.
            e => e[LoopbackEstate.ClosedFlow].GetProperty("links").GetInt32() > 0
                && e[LoopbackEstate.ClosedFlow].GetProperty("counts").EnumerateObject().All(c => c.Name != "Refused"),
            TimeSpan.FromSeconds(60), agent);

        Assert.NotEqual(planBefore, await central.PlanVersionAsync("web01"));
        // The old probe's link is gone; only the new port is probed now (a plain listener is not SQL Server: not Refused).
        Assert.Equal(1, edges[LoopbackEstate.ClosedFlow].GetProperty("links").GetInt32());
        Assert.False(agent.HasExited, "the agent restarted or died:\n" + agent.Output);
        Assert.Contains("Plan", agent.Output, StringComparison.Ordinal);
    }
}
