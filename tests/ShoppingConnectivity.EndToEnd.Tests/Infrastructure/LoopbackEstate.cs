using System.Net;
using System.Net.Sockets;
using System.Text;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An estate on loopback: host web01 (Website + Central Service) probes an "ActiveEfficiency" server that is a real
/// HTTP server answering 200, and a "SQL Server" on a port where nothing listens.
/// </summary>
public sealed class LoopbackEstate : IDisposable
{
    public const string OpenFlow = "central-activeefficiency-http";
    public const string ClosedFlow = "website-shoppingdb-sql";

    // A plain socket answering HTTP/1.1, whatever the Host header: the probe sends the estate's host name (ae01),
    // which HttpListener would refuse for a 127.0.0.1 prefix.
    private readonly TcpListener _http = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackEstate()
    {
        _http.Start();
        OpenPort = ((IPEndPoint)_http.LocalEndpoint).Port;
        ClosedPort = LoopbackPorts.Free();
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
            { "name": "ae01", "address": "127.0.0.1", "roles": ["ActiveEfficiency"], "ports": { "activeEfficiencyHttp": {{OpenPort}} } }
          ]
        }
        """;

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _http.AcceptTcpClientAsync(_stop.Token);
                _ = AnswerAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var buffer = new byte[8192];
            var request = new StringBuilder();
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, _stop.Token);
                if (n == 0) return;
                request.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            Interlocked.Increment(ref _requests);
            const string body = "<html>ActiveEfficiency</html>";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The probe hung up or the test ended.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _http.Stop();
        _stop.Dispose();
    }
}
