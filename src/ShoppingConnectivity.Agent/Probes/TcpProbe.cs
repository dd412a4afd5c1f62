using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>A TCP connect to address:port within a timeout, classified into an outcome with its latency.</summary>
public static class TcpProbe
{
    public sealed record Finding(ProbeOutcome Outcome, double? LatencyMs, string Detail);

    public static async Task<Finding> ConnectAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            addresses = IPAddress.TryParse(address, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(address, deadline.Token);
            if (addresses.Length == 0) return new(ProbeOutcome.DnsFailed, null, $"'{address}' resolved to no address.");
        }
        catch (SocketException ex)
        {
            return new(ProbeOutcome.DnsFailed, null, $"'{address}' did not resolve: {ex.SocketErrorCode}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(ProbeOutcome.DnsFailed, null, $"Name lookup of '{address}' took longer than {timeout.TotalMilliseconds:N0} ms.");
        }

        var target = addresses[0];
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        clock.Restart();
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target, port), deadline.Token);
            var latency = clock.Elapsed.TotalMilliseconds;
            return new(ProbeOutcome.Reachable, Math.Round(latency, 3), $"Connected to {target}:{port}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(ProbeOutcome.TimedOut, null, $"No answer from {target}:{port} within {timeout.TotalMilliseconds:N0} ms.");
        }
        catch (SocketException ex)
        {
            var outcome = OutcomeClassifier.FromSocketError(ex.SocketErrorCode);
            return new(outcome, null, $"{target}:{port}: {ex.SocketErrorCode} ({ex.Message}).");
        }
    }
}
