using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>A TLS handshake (LDAPS 636, GC over TLS 3269): reports the certificate, degraded when it expires soon.</summary>
public sealed class TlsProbe(CertificateJudge judge) : IProbeKind
{
    public string Kind => ProbeKinds.Tls;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ProbeExchange.RunAsync(probe, "TLS", async (stream, _, ct) =>
        {
            var (ssl, report) = await TlsHandshake.AuthenticateAsync(stream, TlsHandshake.ServerName(probe.TargetHost, probe.Address), judge, ct);
            await ssl.DisposeAsync();
            return new ExchangeResult(report.Detail, report.Degraded);
        }, cancellationToken);
}
