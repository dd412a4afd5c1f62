using MailKit;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The smtp kind: the greeting and EHLO, read by MailKit over the connection <see cref="TcpConnector"/> opened
/// (MailKit's stream overload, so what the port sent is recorded and quoted when it is not SMTP). No mail is sent.
/// </summary>
public sealed class SmtpProbe : IProbeKind
{
    public string Kind => ProbeKinds.Smtp;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ProbeExchange.RunAsync(probe, "SMTP", async (stream, _, ct) =>
        {
            using var client = new SmtpClient { Timeout = probe.TimeoutMs };
            await MailExchange.RunAsync("SMTP", () => client.ConnectAsync(stream, ServerName(probe), probe.Port, SecureSocketOptions.None, ct));
            var detail = $"SMTP greeting {ProtocolText.Quote(stream.Received)}; EHLO capabilities: {client.Capabilities}" +
                         (client.MaxSize > 0 ? $", max size {client.MaxSize:N0} bytes." : ".");
            await MailExchange.QuitAsync(() => client.DisconnectAsync(quit: true, ct));
            return new ExchangeResult(detail);
        }, cancellationToken);

    private static string ServerName(PlannedProbe probe) => string.IsNullOrWhiteSpace(probe.TargetHost) ? probe.Address : probe.TargetHost;
}

/// <summary>The pop3 kind: the POP3 greeting (and the CAPA list MailKit asks for), read the same way as smtp. No login.</summary>
public sealed class Pop3Probe : IProbeKind
{
    public string Kind => ProbeKinds.Pop3;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ProbeExchange.RunAsync(probe, "POP3", async (stream, _, ct) =>
        {
            using var client = new Pop3Client { Timeout = probe.TimeoutMs };
            var server = string.IsNullOrWhiteSpace(probe.TargetHost) ? probe.Address : probe.TargetHost;
            await MailExchange.RunAsync("POP3", () => client.ConnectAsync(stream, server, probe.Port, SecureSocketOptions.None, ct));
            var implementation = string.IsNullOrEmpty(client.Implementation) ? "" : $"; implementation {client.Implementation}";
            var detail = $"POP3 greeting {ProtocolText.Quote(stream.Received)}; capabilities: {client.Capabilities}{implementation}.";
            await MailExchange.QuitAsync(() => client.DisconnectAsync(quit: true, ct));
            return new ExchangeResult(detail);
        }, cancellationToken);
}

/// <summary>Turns MailKit's verdicts into the probe's: unparsable answers are another protocol, refusals an unhealthy server.</summary>
internal static class MailExchange
{
    public static async Task RunAsync(string protocol, Func<Task> connect)
    {
        try
        {
            await connect();
        }
        catch (ProtocolException ex)
        {
            throw new ProtocolMismatchException(ex.Message.TrimEnd('.'));
        }
        catch (CommandException ex)
        {
            throw new UnhealthyServiceException($"the {protocol} server answered, but refused the session: {ex.Message.TrimEnd('.')}.");
        }
    }

    /// <summary>QUIT politely; the answer is already proven, so a server that drops the line here changes nothing.</summary>
    public static async Task QuitAsync(Func<Task> quit)
    {
        try
        {
            await quit();
        }
        catch (Exception ex) when (ex is IOException or ProtocolException or CommandException or OperationCanceledException)
        {
            // Already judged reachable.
        }
    }
}
