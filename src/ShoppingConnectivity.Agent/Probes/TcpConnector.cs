using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ShoppingConnectivity.Agent.Timing;
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

    /// <param name="exchange">A protocol exchange follows (small writes go out at once: no Nagle delay); false for a
    /// bare connect, which is spared the socket option.</param>
    public static async Task<Connection> ConnectAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken, bool exchange = true)
    {
        using var deadline = new Deadline(timeout, cancellationToken);
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
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (exchange) socket.NoDelay = true;
        var clock = Stopwatch.StartNew();
        try
        {
            var error = await ConnectAsync(socket, new IPEndPoint(target, port), deadline.Token);
            if (error == SocketError.Success) return new Connection(socket, null, Math.Round(clock.Elapsed.TotalMilliseconds, 3), target);

            socket.Dispose();
            if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException(cancellationToken);
            if (deadline.IsCancellationRequested) return Failed(ProbeOutcome.TimedOut, $"No answer from {target}:{port} within {timeout.TotalMilliseconds:N0} ms.");
            // The socket error's own text without throwing it: no exception (and no stack trace) per refused probe.
            return Failed(OutcomeClassifier.FromSocketError(error), $"{target}:{port}: {error} ({new SocketException((int)error).Message}).");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Connects and returns the socket error instead of throwing it: a refused or unreachable target is this agent's
    /// everyday business, and an exception per failed probe costs far more CPU than the connect (Native AOT builds
    /// the stack trace text at the throw). Cancelling <paramref name="token"/> aborts the connect (OperationAborted).
    /// </summary>
    private static async Task<SocketError> ConnectAsync(Socket socket, EndPoint endPoint, CancellationToken token)
    {
        using var args = new SocketAsyncEventArgs { RemoteEndPoint = endPoint };
        // Continuations run on the thread that completes the connect: handing them to another pool thread would wake
        // one more thread per probe for nothing (the rest of a probe is short: classify, queue the result).
        var done = new TaskCompletionSource<SocketError>();
        args.Completed += (_, e) => done.TrySetResult(e.SocketError);
        if (token.IsCancellationRequested) return SocketError.OperationAborted;
        if (!socket.ConnectAsync(args)) return args.SocketError; // finished at once (e.g. refused on loopback)

        await using (token.UnsafeRegister(static state => Socket.CancelConnectAsync((SocketAsyncEventArgs)state!), args))
        {
            return await done.Task;
        }
    }

    private static Connection Failed(ProbeOutcome outcome, string detail) => new(null, new ProbeFinding(outcome, null, detail), 0, null);
}
