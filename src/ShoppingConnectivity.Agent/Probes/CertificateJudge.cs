using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// Judges a server certificate the way ops want it: any certificate is accepted (the probe proves the port, not the
/// PKI), but subject, issuer and expiry are reported, and one expiring within Agent:CertificateWarningDays, or already
/// expired, marks the link degraded (amber) while it still counts as reachable.
/// </summary>
public sealed class CertificateJudge(IOptions<AgentOptions> options, TimeProvider clock)
{
    public CertificateReport Judge(X509Certificate? certificate, SslPolicyErrors errors, SslProtocols protocol)
    {
        var tls = ProtocolName(protocol);
        if (certificate is null)
        {
            return new CertificateReport("", "", DateTimeOffset.MinValue, 0, true, $"{tls} handshake done, but the server showed no certificate.");
        }

        using var owned = certificate as X509Certificate2 is null ? new X509Certificate2(certificate) : null;
        var cert = owned ?? (X509Certificate2)certificate;
        var notAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var left = notAfter - clock.GetUtcNow();
        var days = (int)Math.Floor(left.TotalDays);
        var warningDays = options.Value.CertificateWarningDays;
        var expiry = notAfter.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        string when;
        bool degraded;
        if (left < TimeSpan.Zero)
        {
            var ago = (int)Math.Floor(-left.TotalDays);
            when = $"EXPIRED on {expiry} ({(ago == 0 ? "today" : $"{ago} day{(ago == 1 ? "" : "s")} ago")}): renew it";
            degraded = true;
        }
        else
        {
            degraded = left <= TimeSpan.FromDays(warningDays);
            when = $"expires {expiry} ({days} day{(days == 1 ? "" : "s")} left{(degraded ? $", within the {warningDays}-day warning: renew it soon" : "")})";
        }

        var trust = errors == SslPolicyErrors.None ? "" : $"; not trusted by this machine ({errors})";
        var detail = $"{tls}, certificate {cert.Subject} issued by {cert.Issuer}, {when}{trust}.";
        return new CertificateReport(cert.Subject, cert.Issuer, notAfter, days, degraded, detail);
    }

    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLS 1.3",
        SslProtocols.Tls12 => "TLS 1.2",
        SslProtocols.None => "TLS",
        _ => protocol.ToString(),
    };
}
