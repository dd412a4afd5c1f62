using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests.Preflight;

/// <summary>
/// The sql kind in the Native AOT build: its own TDS pre-login over a socket, answered by the in-test responder on
/// loopback (SQL Server does not run on Debian). The firewall lab covers the other kinds in the same build.
/// </summary>
public sealed class NativeAgentPreflightTests : IDisposable
{
    private readonly TempDirectory _dir = new("aot-preflight");

    [Fact]
    public void Preflight_NativeAotAgentSqlFlow_ReachableWithVersionAndNoLogin()
    {
        var executable = NativeAgent.Executable;
        using var sql = new TdsPreLoginResponder(major: 16, minor: 0, build: 4135, encryption: 0x02);
        var estate = _dir.File("estate.json");
        File.WriteAllText(estate, $$"""
            { "name": "Lab", "hosts": [
              { "name": "web01", "address": "127.0.0.1", "roles": ["Website"] },
              { "name": "sql01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": {{sql.Port}} } } ] }
            """);

        var run = AgentProgram.Preflight(Place.Host, estate, "web01", [], executable);

        Assert.True(run.ExitCode == 0, run.ToString());
        var result = run.Results[$"website-shoppingdb-sql {sql.Port}"];
        Assert.Equal("Reachable", result.GetProperty("outcome").GetString());
        Assert.Equal("SQL Server 16.0.4135 (SQL Server 2022) answered the TDS pre-login (encryption not supported); no login attempted.",
            result.GetProperty("detail").GetString());
        Assert.Equal([(byte)0x12], sql.PacketTypes); // PRELOGIN only, never LOGIN7 (0x10)
    }

    public void Dispose() => _dir.Dispose();
}
