using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Debian's haproxy in front of several central nodes, as a site runs them: run in the foreground as the test's user
/// on a loopback port with a generated configuration (the one docs/scaling.md shows), its admin socket read for the
/// servers' states and counters.
/// </summary>
/// <remarks>
/// haproxy rather than nginx: the open-source nginx has neither active health checks (a stopping node would only be
/// taken out after requests failed on it) nor cookie-based sticky sessions (only ip_hash, one node per client address).
/// haproxy has both, and retries a failed request on the other server (<c>retry-on</c>, <c>option redispatch</c>).
/// </remarks>
public sealed class Haproxy : IDisposable
{
    public const string Program = "/usr/sbin/haproxy";

    private readonly string _directory;
    private readonly string _socket;

    private Haproxy(string directory, int port, TestProcess process)
    {
        _directory = directory;
        _socket = Path.Combine(directory, "admin.sock");
        Url = $"http://127.0.0.1:{port}";
        Process = process;
    }

    /// <summary>Where agents and browsers go: the proxy, never a node.</summary>
    public string Url { get; }

    public TestProcess Process { get; }

    /// <summary>Starts haproxy in front of <paramref name="nodes"/> (server name, node URL) and waits until every node is UP.</summary>
    public static async Task<Haproxy> StartAsync(IReadOnlyList<(string Name, string Url)> nodes)
    {
        Assert.True(File.Exists(Program), $"{Program} is missing: install Debian's haproxy (tests/install-prerequisites.sh does).");
        var directory = Path.Combine(Path.GetTempPath(), "sc-haproxy", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var port = LoopbackPorts.Free();
        var config = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(config, Config(port, Path.Combine(directory, "admin.sock"), nodes.Select(n => (n.Name, new Uri(n.Url))).ToList()));
        // -db: foreground, no daemon, log lines to our stdout; -W would add a master process we do not need.
        var process = TestProcess.Start("haproxy", Program, ["-db", "-f", config], workingDirectory: directory);
        var proxy = new Haproxy(directory, port, process);
        try
        {
            foreach (var (name, _) in nodes) await proxy.WaitForStatusAsync(name, "UP", TimeSpan.FromSeconds(30));
        }
        catch
        {
            proxy.Dispose();
            throw;
        }

        return proxy;
    }

    /// <summary>
    /// The configuration: one frontend on loopback, the nodes in one backend with health checks on /healthz, sticky
    /// sessions by cookie and retries of what may safely be sent twice.
    /// </summary>
    public static string Config(int port, string adminSocket, IReadOnlyList<(string Name, Uri Url)> nodes)
    {
        var servers = new StringBuilder();
        foreach (var (name, url) in nodes)
            servers.Append(CultureInfo.InvariantCulture, $"    server {name} {url.Host}:{url.Port} check cookie {name}\n");
        return $$"""
            global
                log stdout format raw local0 info
                stats socket {{adminSocket}} mode 600 level admin
                # Retried requests must fit one buffer: 128 kB holds an agent batch of 500 results.
                tune.bufsize 131072

            defaults
                mode http
                log global
                option httplog
                option dontlognull
                timeout connect 1s
                timeout client 30s
                timeout server 30s
                # A Blazor circuit's WebSocket: SignalR pings every 15 s, so an idle tunnel is a dead one after an hour.
                timeout tunnel 1h
                timeout http-request 10s
                timeout http-keep-alive 10s
                # A request that failed on a node goes to the other one (redispatch on every retry).
                retries 2
                option redispatch 1
                retry-on conn-failure empty-response 502 503 504

            frontend central
                bind 127.0.0.1:{{port}}
                default_backend nodes

            backend nodes
                balance roundrobin
                # A Blazor circuit lives in one node's memory: its negotiate, WebSocket and page requests stay on that node
                # (haproxy's cookie); when the node is down the browser is sent to another one (redispatch).
                cookie SC_NODE insert indirect nocache httponly
                # /healthz answers 503 from the moment a node is told to stop: taken out within fall x fastinter.
                option httpchk
                # A slow answer is not a failed one: a node busy for a second or two (a GC pause, a burst, the circuits of a
                # stopped node moving in) stays in. At the default (inter, 500 ms) the last node up was taken out while the
                # other restarted, and every browser got haproxy's 503 page. A node that accepts and never answers is out in
                # about 6 s; a refused connection or a 503 still takes it out at once.
                timeout check 3s
                http-check send meth GET uri /healthz
                http-check expect status 200
                # Only what is safe to send twice is replayed after it reached a node: reads, and agents' result batches
                # (their batch id makes central store a batch once). Enrolment, sign-in and the rest only on a refused connection.
                acl replay_safe method GET HEAD
                acl agent_results path_reg ^/api/v1/agents/[^/]+/results$
                http-request disable-l7-retry unless replay_safe || agent_results
                # A node marked down has its open connections (circuits' WebSockets) closed: browsers reconnect at once,
                # to a node that is up.
                default-server inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2 on-marked-down shutdown-sessions
            {{servers}}
            """;
    }

    /// <summary>The server's status as haproxy's health checks see it: UP, DOWN, MAINT, or a transition such as "UP 1/2".</summary>
    public async Task<string> StatusAsync(string server) => (await ServersAsync())[server].Status;

    /// <summary>Each server's status and counters (haproxy's "show stat").</summary>
    public async Task<Dictionary<string, ProxyServerStats>> ServersAsync()
    {
        var csv = await CommandAsync("show stat");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var servers = new Dictionary<string, ProxyServerStats>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f[Column("pxname")] != "nodes" || f[Column("svname")] is "BACKEND" or "FRONTEND") continue;
            long Number(string name) => long.TryParse(f[Column(name)], CultureInfo.InvariantCulture, out var n) ? n : 0;
            servers[f[Column("svname")]] = new ProxyServerStats(f[Column("status")], Number("stot"), Number("wretr"), Number("wredis"),
                Number("hrsp_5xx"), Number("eresp"), Number("econ"));
        }

        return servers;
    }

    /// <summary>Polls the admin socket until <paramref name="server"/> has <paramref name="status"/>.</summary>
    public Task WaitForStatusAsync(string server, string status, TimeSpan timeout) =>
        Eventually.AssertAsync(async () =>
        {
            if (Process.HasExited) throw new InvalidOperationException("haproxy exited:\n" + Process.Output);
            try
            {
                return await StatusAsync(server) == status;
            }
            catch (SocketException)
            {
                return false; // the admin socket is not there yet
            }
        }, timeout, () => $"haproxy: server {server} not {status}.\n{Process.Output}");

    /// <summary>One command on the admin socket; haproxy answers and closes the connection.</summary>
    private async Task<string> CommandAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socket));
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    public void Dispose()
    {
        Process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
