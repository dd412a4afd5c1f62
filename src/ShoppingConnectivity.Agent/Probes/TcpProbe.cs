using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>A TCP connect to address:port within a timeout, classified into an outcome with its latency.</summary>
public sealed class TcpProbe : IProbeKind
{
    public string Kind => ProbeKinds.Tcp;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ConnectAsync(probe.Address, probe.Port, TimeSpan.FromMilliseconds(probe.TimeoutMs), cancellationToken);

    public static async Task<ProbeFinding> ConnectAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = await TcpConnector.ConnectAsync(address, port, timeout, cancellationToken, exchange: false);
        if (connection.Failure is not null) return connection.Failure;
        using var socket = connection.Socket!;
        return new ProbeFinding(ProbeOutcome.Reachable, connection.LatencyMs, $"Connected to {connection.Address}:{port}.");
    }
}
