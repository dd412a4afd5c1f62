using System.Net;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An estate on loopback: host web01 (Website + Central Service) probes an "ActiveEfficiency" server that is a real
/// HTTP server answering 200, and a "SQL Server" on a port where nothing listens.
/// </summary>
public sealed class LoopbackEstate : IDisposable
{
    public const string OpenFlow = "central-activeefficiency-http";
    public const string ClosedFlow = "website-shoppingdb-sql";

    private readonly HttpListener _http = new();
    private readonly CancellationTokenSource _stop = new();

    public LoopbackEstate()
    {
        OpenPort = ProgramProcess.FreePort();
        // The agent's http probe sends the estate's host name as Host header, as a browser would: the listener must
        // accept that name, and "localhost" keeps it on loopback.
        _http.Prefixes.Add($"http://127.0.0.1:{OpenPort}/");
        _http.Prefixes.Add($"http://localhost:{OpenPort}/");
        _http.Start();
        ClosedPort = ProgramProcess.FreePort();
        _ = ServeAsync();
    }

    public int OpenPort { get; }
    public int ClosedPort { get; set; }

    /// <summary>Requests the HTTP server answered, so a test can tell probes arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;

    public string Json => JsonWith(ClosedPort);

    /// <summary>The same estate with the SQL Server on another port (to change the plan under a running agent).</summary>
    public string JsonWith(int sqlPort) => $$"""
        {
          "name": "Loopback lab",
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "sql01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": {{sqlPort}} } },
            { "name": "localhost", "address": "127.0.0.1", "roles": ["ActiveEfficiency"], "ports": { "activeEfficiencyHttp": {{OpenPort}} } }
          ]
        }
        """;

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var context = await _http.GetContextAsync();
                Interlocked.Increment(ref _requests);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html";
                await context.Response.OutputStream.WriteAsync("<html>ActiveEfficiency</html>"u8.ToArray());
                context.Response.Close();
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _http.Close();
        _stop.Dispose();
    }
}
