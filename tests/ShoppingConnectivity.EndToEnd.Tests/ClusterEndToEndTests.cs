using Npgsql;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Databases;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>Two real central processes on loopback sharing one PostgreSQL database, a real agent reporting to one of them.</summary>
public sealed class ClusterEndToEndTests : IDisposable
{
    private readonly PostgresServer _postgres = PostgresServer.Shared;
    private readonly string _database = "sc_cluster_" + Guid.NewGuid().ToString("N")[..12];

    public ClusterEndToEndTests() => _postgres.CreateDatabase(_database);

    private Dictionary<string, string> Settings => new()
    {
        ["Central__Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Central"] = _postgres.ConnectionString(_database),
        ["Logging__LogLevel__ShoppingConnectivity.Central.History.RollupJob"] = "Debug",
    };

    [Fact]
    public async Task TwoNodes_AgentReportsToNodeA_NodeBShowsTheEdgesAndEachRollupFireRunsOnOneNode()
    {
        using var estate = new LoopbackEstate();
        // One after the other: the second finds the schema migrated and the first administrator created.
        using var nodeA = await Central.StartAsync(estate.Json, settings: Settings);
        using var nodeB = await Central.StartAsync(estate.Json, settings: Settings);
        Assert.Equal("Grey", (await nodeB.EdgesAsync())[LoopbackEstate.OpenFlow].GetProperty("colour").GetString());

        using var agent = nodeA.StartAgent("web01");

        // Node B never hears from the agent: what it shows came through the database and A's notifications.
        var onB = await nodeB.WaitForEdgesAsync(
            e => e[LoopbackEstate.OpenFlow].GetProperty("colour").GetString() == "Green"
                && e[LoopbackEstate.ClosedFlow].GetProperty("colour").GetString() == "Red",
            TimeSpan.FromSeconds(60), agent);
        Assert.True(onB[LoopbackEstate.OpenFlow].GetProperty("counts").GetProperty("Reachable").GetInt32() >= 1);

        // Both schedulers are in the cluster, and each fire of the rollup (every second) ran on one of them: a fire run by
        // both would show its scheduled time in both nodes' logs.
        await Eventually.HoldsAsync(() => RollupFires(nodeA.Process.Output).Count + RollupFires(nodeB.Process.Output).Count >= 5, TimeSpan.FromSeconds(30));
        await using var db = new NpgsqlConnection(_postgres.ConnectionString(_database));
        await db.OpenAsync();
        Assert.Equal(2L, await ScalarAsync(db, "SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'central-cluster'"));
        var onA = RollupFires(nodeA.Process.Output);
        var onBoth = onA.Concat(RollupFires(nodeB.Process.Output)).ToList();
        var report = $"node A ran {onA.Count}, node B {onBoth.Count - onA.Count}: " + string.Join(", ", onBoth.Order(StringComparer.Ordinal));
        Assert.True(onBoth.Count >= 5, report);
        Assert.True(onBoth.Count == onBoth.Distinct(StringComparer.Ordinal).Count(), "a fire ran twice: " + report);
        Assert.False(agent.HasExited, agent.Output);
    }

    /// <summary>The scheduled times of the rollup fires a node ran (its debug log line per run).</summary>
    private static List<string> RollupFires(string output) =>
        System.Text.RegularExpressions.Regex.Matches(output, @"Rollup fire scheduled for (\S+) runs here").Select(m => m.Groups[1].Value).ToList();

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _postgres.DropDatabase(_database);
}
