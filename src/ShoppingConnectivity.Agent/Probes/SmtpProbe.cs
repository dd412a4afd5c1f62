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
