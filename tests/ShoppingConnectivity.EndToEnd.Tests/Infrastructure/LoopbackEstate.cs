using System.Net;
using System.Net.Sockets;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An estate on loopback: host web01 (Website + Central Service) probes a "SQL Server" that is a real listening
/// socket and an "ActiveEfficiency" server on a port where nothing listens.
/// </summary>
public sealed class LoopbackEstate : IDisposable
{
    public const string OpenFlow = "website-shoppingdb-sql";
    public const string ClosedFlow = "central-activeefficiency-http";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public LoopbackEstate()
    {
        _listener.Start();
        OpenPort = ((IPEndPoint)_listener.LocalEndpoint).Port;
        ClosedPort = ProgramProcess.FreePort();
        _ = AcceptLoopAsync();
    }

    public int OpenPort { get; }
    public int ClosedPort { get; }

    public string Json => $$"""
        {
          "name": "Loopback lab",
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "sql01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": {{OpenPort}} } },
            { "name": "ae01", "address": "127.0.0.1", "roles": ["ActiveEfficiency"], "ports": { "activeEfficiencyHttp": {{ClosedPort}} } }
          ]
        }
        """;

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
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
        _stop.Dispose();
    }
}
