using MailKit.Net.Pop3;
using MailKit.Security;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

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
