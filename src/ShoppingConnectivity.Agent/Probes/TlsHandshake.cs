using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>The client side of a TLS handshake for the tls and https kinds: any certificate accepted, then judged.</summary>
public static class TlsHandshake
{
    /// <summary>
    /// Handshakes over <paramref name="stream"/> with SNI <paramref name="serverName"/> (none for an IP literal).
    /// A peer that answers with something other than TLS records throws <see cref="ProtocolMismatchException"/>;
    /// a TLS peer that refuses the handshake throws <see cref="UnhealthyServiceException"/>.
    /// </summary>
    public static async Task<(SslStream Stream, CertificateReport Report)> AuthenticateAsync(
        RecordingStream stream, string serverName, CertificateJudge judge, CancellationToken cancellationToken, bool leaveInnerStreamOpen = true)
    {
        var errors = SslPolicyErrors.None;
        var ssl = new SslStream(stream, leaveInnerStreamOpen);
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            // The probe reports the certificate instead of failing on it; no revocation or AIA downloads either:
            // an agent in a closed network must not hang on CRL servers it cannot reach.
            RemoteCertificateValidationCallback = (_, _, _, sslErrors) =>
            {
                errors = sslErrors;
                return true;
            },
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = new X509ChainPolicy
            {
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            },
        };
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await ssl.DisposeAsync();
            // 0x16: a TLS handshake record, 0x15: a TLS alert. Anything else is another protocol on the port.
            if (!stream.Received.IsEmpty && stream.Received[0] is not (0x16 or 0x15))
            {
                await ProbeExchange.ReadForQuoteAsync(stream, cancellationToken);
                throw new ProtocolMismatchException();
            }

            if (!stream.Received.IsEmpty) throw new UnhealthyServiceException($"a TLS server answered, but the handshake failed: {Message(ex)}");
            throw;
        }

        return (ssl, judge.Judge(ssl.RemoteCertificate, errors, ssl.SslProtocol));
    }

    /// <summary>The SNI to send: the estate's host name; an IP literal sends none.</summary>
    public static string ServerName(string targetHost, string address) =>
        string.IsNullOrWhiteSpace(targetHost) ? address : targetHost;

    private static string Message(Exception ex) =>
        ex.InnerException is { } inner && !string.IsNullOrWhiteSpace(inner.Message) ? $"{ex.Message.TrimEnd('.')}: {inner.Message.TrimEnd('.')}" : ex.Message.TrimEnd('.');
}
