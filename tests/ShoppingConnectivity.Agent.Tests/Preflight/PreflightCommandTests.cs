using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ShoppingConnectivity.Agent.Preflight;

namespace ShoppingConnectivity.Agent.Tests.Preflight;

/// <summary>The install engineer's one-shot check, run the way the command line runs it, against loopback only.</summary>
public sealed class PreflightCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sc-preflight-").FullName;

    [Fact]
    public async Task Run_ClosedPort_ReportsRefusedWithHintAndExitsOne()
    {
        var closed = ClosedPort();
        var estate = Estate($$"""
            { "name": "Lab", "hosts": [
              { "name": "web01", "address": "127.0.0.1", "roles": ["Website"] },
              { "name": "sql01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": {{closed}} } } ] }
            """);

        var (exit, output, _) = await RunAsync("--estate", estate, "--host", "web01");

        Assert.Equal(PreflightCommand.SomeClosed, exit);
        Assert.Contains($"sql01:{closed}", output, StringComparison.Ordinal);
        Assert.Contains("Refused", output, StringComparison.Ordinal);
        Assert.Contains($"sql01 is up but refuses TCP {closed}", output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 flows closed", output, StringComparison.Ordinal);
        // Roles by the names central shows them under.
        Assert.Contains("Preflight of web01 (Shopping Website) in estate 'Lab'", output, StringComparison.Ordinal);
        Assert.Contains("Shopping Website -> Shopping DB (SQL Server) (sql)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AllFlowsOpen_ExitsZero()
    {
        using var web = new MiniHttpServer();
        var estate = Estate($$"""
            { "name": "Lab", "hosts": [
              { "name": "web01", "address": "127.0.0.1", "roles": ["Website"], "ports": { "websiteHttp": {{web.Port}} } } ] }
            """);

        var (exit, output, error) = await RunAsync("--estate", estate, "--roles", "Receiver", "--host", "rcv01");

        Assert.True(exit == PreflightCommand.AllOpen, output + error);
        Assert.Contains($"web01:{web.Port}", output, StringComparison.Ordinal);
        Assert.Contains("All 1 flows open.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JsonFormat_GivesOneResultPerProbeWithOutcomeAndHint()
    {
        var closed = ClosedPort();
        using var web = new MiniHttpServer();
        var estate = Estate($$"""
            { "name": "Lab", "hosts": [
              { "name": "web01", "address": "127.0.0.1", "roles": ["Website"], "ports": { "websiteHttp": {{web.Port}} } },
              { "name": "rcv01", "address": "127.0.0.1", "roles": ["Receiver"] },
              { "name": "cmdb01", "address": "127.0.0.1", "roles": ["ConfigMgrDb"], "ports": { "configMgrDbSql": {{closed}} } } ] }
            """);

        var (exit, output, _) = await RunAsync("--estate", estate, "--host", "rcv01", "--format", "json");

        Assert.Equal(PreflightCommand.SomeClosed, exit);
        using var json = JsonDocument.Parse(output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        var web01 = Assert.Single(results, r => r.GetProperty("flowId").GetString() == "receiver-website-http");
        Assert.Equal("Reachable", web01.GetProperty("outcome").GetString());
        var db = Assert.Single(results, r => r.GetProperty("flowId").GetString() == "receiver-configmgrdb-sql");
        Assert.Equal("Refused", db.GetProperty("outcome").GetString());
        Assert.Contains("refuses", db.GetProperty("hint").GetString(), StringComparison.Ordinal);
        // Ids for scripts, display names beside them.
        Assert.Equal("ConfigMgrDb", db.GetProperty("to").GetString());
        Assert.Equal("ConfigMgr site DB", db.GetProperty("toName").GetString());
        Assert.Equal(["Receiver"], json.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["Receiver (ConfigMgr site server)"], json.RootElement.GetProperty("roleNames").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1, json.RootElement.GetProperty("passed").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("failed").GetInt32());
    }

    [Fact]
    public async Task Run_HostNotInEstateWithoutRoles_ExitsTwoNamingTheHostsAndRolesOption()
    {
        var estate = Estate("""{ "name": "Lab", "hosts": [ { "name": "web01", "roles": ["Website"] } ] }""");

        var (exit, _, error) = await RunAsync("--estate", estate, "--host", "newbox");

        Assert.Equal(PreflightCommand.BadUsage, exit);
        Assert.Contains("'newbox' is not a host of the estate 'Lab' (hosts: web01)", error, StringComparison.Ordinal);
        Assert.Contains("--roles", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownRole_ExitsTwoListingTheKnownRoles()
    {
        var estate = Estate("""{ "name": "Lab", "hosts": [ { "name": "web01", "roles": ["Website"] } ] }""");

        var (exit, _, error) = await RunAsync("--estate", estate, "--roles", "Website,SqlServer");

        Assert.Equal(PreflightCommand.BadUsage, exit);
        Assert.Contains("unknown role(s) 'SqlServer'", error, StringComparison.Ordinal);
        Assert.Contains("ShoppingDb", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidEstate_ExitsTwoWithEveryEstateError()
    {
        var estate = Estate("""{ "name": "Lab", "hosts": [ { "name": "web01", "roles": ["Webserver"] } ] }""");

        var (exit, _, error) = await RunAsync("--estate", estate, "--host", "web01");

        Assert.Equal(PreflightCommand.BadUsage, exit);
        Assert.Contains("hosts[0] (web01).roles[0]: unknown role 'Webserver'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--host", "web01" }, "--estate FILE is required")]
    [InlineData(new[] { "--estate" }, "--estate needs a value")]
    [InlineData(new[] { "--estate", "/no/such/estate.json" }, "file '/no/such/estate.json' does not exist")]
    [InlineData(new[] { "--estate", "x", "--format", "xml" }, "--format: 'xml' is not 'table' or 'json'")]
    [InlineData(new[] { "--estate", "x", "--timeout-ms", "0" }, "--timeout-ms: '0' is not a whole number between 50 and 120000")]
    [InlineData(new[] { "--estate", "x", "--colour" }, "unknown argument '--colour'")]
    public void Parse_BadArguments_NameTheProblem(string[] args, string expected)
    {
        var (options, problems) = PreflightOptions.Parse(args);

        Assert.Null(options);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_Help_PrintsUsageAndExitsZero()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("Usage: ShoppingConnectivity.Agent preflight", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Estate(string json)
    {
        var path = Path.Combine(_dir, $"estate-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await PreflightCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A real HTTP/1.1 answer on a loopback socket: the Website's /shopping page.</summary>
    private sealed class MiniHttpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public MiniHttpServer()
        {
            _listener.Start();
            _ = ServeAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private async Task ServeAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = Task.Run(async () =>
                    {
                        using var c = client;
                        var stream = c.GetStream();
                        var buffer = new byte[4096];
                        var request = new StringBuilder();
                        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                        {
                            var n = await stream.ReadAsync(buffer);
                            if (n == 0) return;
                            request.Append(Encoding.ASCII.GetString(buffer, 0, n));
                        }

                        var body = "<html>Shopping</html>";
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(
                            $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"));
                    });
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
