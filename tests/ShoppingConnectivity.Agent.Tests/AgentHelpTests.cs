using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ShoppingConnectivity.Agent.Preflight;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests;

/// <summary>The agent program as an install engineer first meets it: its help, and preflight run from a shell.</summary>
public sealed class AgentHelpTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-agent-help-").FullName;

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Program_Help_ExplainsTheServiceAndPreflightWithAnExampleForANewServer(string flag)
    {
        var result = Commands.Run(["dotnet", Path.Combine(AgentProgram.BuildOutput(), "ShoppingConnectivity.Agent.dll"), flag], timeout: TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("preflight --estate estate.json --roles Website", result.Output, StringComparison.Ordinal);
        Assert.Contains("Agent:CentralUrl", result.Output, StringComparison.Ordinal);
        Assert.Contains(PreflightCommand.Usage.Split('\n')[0].Trim(), result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DotnetRun_PreflightWithARelativeEstatePath_ReadsItFromTheCallersDirectory()
    {
        // `dotnet run` used to start the program in the project's folder, where 'estate.json' is not.
        File.WriteAllText(Path.Combine(_dir, "estate.json"), $$"""
            { "name": "Lab", "hosts": [ { "name": "sql01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": {{ClosedPort()}} } } ] }
            """);
        var project = Path.Combine(Repository.Root(), "src", "ShoppingConnectivity.Agent");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

        var result = Commands.Run(
            ["dotnet", "run", "--no-build", "-c", configuration, "--project", project, "--", "preflight", "--estate", "estate.json", "--roles", "Website", "--format", "json"],
            timeout: TimeSpan.FromSeconds(120), workingDirectory: _dir);

        Assert.True(result.ExitCode == PreflightCommand.SomeClosed, result.Output + result.Error);
        var row = Assert.Single(JsonDocument.Parse(result.Output).RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("Refused", row.GetProperty("outcome").GetString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
