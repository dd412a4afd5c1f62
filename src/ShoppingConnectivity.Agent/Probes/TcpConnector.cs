using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The first step of every probe: resolve and connect within the timeout, classifying each failure the same way for
/// every kind, so a protocol probe only has to judge what answers on an open port.
/// </summary>
public static class TcpConnector
{
    /// <summary>An open connection (the caller owns <see cref="Socket"/>) or the finding that explains why there is none.</summary>
    public sealed record Connection(Socket? Socket, ProbeFinding? Failure, double LatencyMs, IPAddress? Address);

    public static async Task<Connection> ConnectAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(address, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(address, deadline.Token);
            if (addresses.Length == 0) return Failed(ProbeOutcome.DnsFailed, $"'{address}' resolved to no address.");
        }
        catch (SocketException ex)
        {
            return Failed(ProbeOutcome.DnsFailed, $"'{address}' did not resolve: {ex.SocketErrorCode}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(ProbeOutcome.DnsFailed, $"Name lookup of '{address}' took longer than {timeout.TotalMilliseconds:N0} ms.");
        }

        var target = addresses[0];
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var clock = Stopwatch.StartNew();
        try
        {
            await socket.ConnectAsync(new IPEndPoint(target, port), deadline.Token);
            return new Connection(socket, null, Math.Round(clock.Elapsed.TotalMilliseconds, 3), target);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return Failed(ProbeOutcome.TimedOut, $"No answer from {target}:{port} within {timeout.TotalMilliseconds:N0} ms.");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return Failed(OutcomeClassifier.FromSocketError(ex.SocketErrorCode), $"{target}:{port}: {ex.SocketErrorCode} ({ex.Message}).");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static Connection Failed(ProbeOutcome outcome, string detail) => new(null, new ProbeFinding(outcome, null, detail), 0, null);
}
