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
        // Flows the estate gives no target (no DC listed) are not in it: nothing to probe, and it says why.
        Assert.Equal("Absent", edges["website-dc-ldap"].GetProperty("colour").GetString());
        Assert.Equal("not in this estate: no Active Directory DC host", edges["website-dc-ldap"].GetProperty("summary").GetString());
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

        // A listener that never speaks TDS: the new probe connects and finds no SQL Server there (ProtocolError, or
        // TimedOut on a machine too loaded to connect within the 500 ms the test gives) - anything but Refused.
        var edges = await central.WaitForEdgesAsync(
            e => e[LoopbackEstate.ClosedFlow].GetProperty("links").GetInt32() == 1
                && e[LoopbackEstate.ClosedFlow].GetProperty("counts").EnumerateObject().Any(c => c.Name != "Refused"),
            TimeSpan.FromSeconds(90), agent);

        Assert.NotEqual(planBefore, await central.PlanVersionAsync("web01"));
        // The old probe's link is gone: only the new port is probed now.
        Assert.False(edges[LoopbackEstate.ClosedFlow].GetProperty("counts").TryGetProperty("Refused", out _));
        Assert.False(agent.HasExited, "the agent restarted or died:\n" + agent.Output);
        Assert.Contains("Plan", agent.Output, StringComparison.Ordinal);
    }
}
