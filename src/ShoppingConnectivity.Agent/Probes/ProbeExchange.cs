using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The frame of every protocol probe: connect through <see cref="TcpConnector"/> (so DNS, timeout, reset and
/// no-route read the same for every kind), then let the kind talk on the open connection within its own timeout
/// and judge what answered. Anything that is not the expected protocol becomes <see cref="ProbeOutcome.ProtocolError"/>
/// quoting what the port sent.
/// </summary>
public static class ProbeExchange
{
    public static async Task<ProbeFinding> RunAsync(
        PlannedProbe probe,
        string protocol,
        Func<RecordingStream, IPAddress, CancellationToken, Task<ExchangeResult>> exchange,
        CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(probe.TimeoutMs);
        var connection = await TcpConnector.ConnectAsync(probe.Address, probe.Port, timeout, cancellationToken);
        if (connection.Failure is not null) return connection.Failure;

        var stream = new RecordingStream(new NetworkStream(connection.Socket!, ownsSocket: true));
        await using (stream)
        {
            // The answer gets its own timeout once connected: a slow connect must not eat the service's time.
            using var deadline = new Deadline(timeout, cancellationToken);
            try
            {
                var result = await exchange(stream, connection.Address!, deadline.Token);
                return new ProbeFinding(ProbeOutcome.Reachable, connection.LatencyMs, result.Detail, result.Degraded);
            }
            catch (Exception ex) when (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested
                                       || deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested && IsConnectionFailure(ex))
            {
                return Failed(connection, NoAnswer(Where(probe, connection.Address), protocol, stream.Received, timeout));
            }
            catch (ProtocolMismatchException ex)
            {
                await ReadForQuoteAsync(stream, cancellationToken);
                return Failed(connection, NotThisProtocol(Where(probe, connection.Address), protocol, stream.Received, ex.Reason));
            }
            catch (UnhealthyServiceException ex)
            {
                return Failed(connection, $"{Where(probe, connection.Address)}: {ex.Message}");
            }
            catch (Exception ex) when (IsConnectionFailure(ex))
            {
                return Failed(connection, Closed(Where(probe, connection.Address), protocol, stream.Received, ex));
            }
        }
    }

    /// <summary>"Port 389 of dc01.lab (10.0.0.2)": the estate's name, and the address actually tried when it differs.</summary>
    public static string Where(PlannedProbe probe, IPAddress? address) =>
        Where(string.IsNullOrWhiteSpace(probe.TargetHost) ? probe.Address : probe.TargetHost, probe.Port, address);

    public static string Where(string host, int port, IPAddress? address)
    {
        var shown = address?.ToString();
        return shown is null || string.Equals(shown, host, StringComparison.OrdinalIgnoreCase)
            ? $"Port {port} of {host}"
            : $"Port {port} of {host} ({shown})";
    }

    public static string NoAnswer(string where, string protocol, ReadOnlySpan<byte> received, TimeSpan timeout) => received.IsEmpty
        ? $"{where} accepted the connection, but sent no {protocol} answer within {timeout.TotalMilliseconds:N0} ms."
        : $"{where} answered, but not with {protocol}: got {ProtocolText.Quote(received)} and no {protocol} answer within {timeout.TotalMilliseconds:N0} ms.";

    public static string NotThisProtocol(string where, string protocol, ReadOnlySpan<byte> received, string? reason) =>
        $"{where} answered, but not with {protocol}: got {ProtocolText.Quote(received)}{(reason is null ? "" : $" ({reason})")}.";

    public static string Closed(string where, string protocol, ReadOnlySpan<byte> received, Exception ex) => received.IsEmpty
        ? $"{where} accepted the connection, then closed it before any {protocol} answer ({Reason(ex)})."
        : $"{where} answered, but not with {protocol}: got {ProtocolText.Quote(received)}, then the connection ended ({Reason(ex)}).";

    /// <summary>
    /// A wrong protocol is often spotted from its first bytes; read what else the port sends at once (up to the first
    /// line end, a quarter second at most) so the detail quotes a whole greeting, not "22".
    /// </summary>
    public static async Task ReadForQuoteAsync(RecordingStream stream, CancellationToken cancellationToken)
    {
        using var wait = new Deadline(TimeSpan.FromMilliseconds(250), cancellationToken);
        var buffer = new byte[128];
        try
        {
            while (stream.Received.Length < 80 && stream.Received.IndexOfAny((byte)'\r', (byte)'\n') < 0)
            {
                if (await stream.ReadAsync(buffer, wait.Token) == 0) break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Quote what there is.
        }
    }

    /// <summary>The connection broke or ended under the exchange (reset, EOF, TLS framing from a non-TLS peer).</summary>
    public static bool IsConnectionFailure(Exception ex) =>
        ex is IOException or SocketException or EndOfStreamException or AuthenticationException or ObjectDisposedException;

    private static string Reason(Exception ex) => ex switch
    {
        SocketException s => s.SocketErrorCode.ToString(),
        { InnerException: SocketException s } => s.SocketErrorCode.ToString(),
        AuthenticationException => ex.Message.TrimEnd('.'),
        _ => "closed",
    };

    private static ProbeFinding Failed(TcpConnector.Connection connection, string detail) =>
        new(ProbeOutcome.ProtocolError, connection.LatencyMs, detail);
}
