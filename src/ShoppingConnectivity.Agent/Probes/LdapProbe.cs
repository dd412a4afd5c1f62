using System.DirectoryServices.Protocols;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The ldap kind (389, Global Catalog 3268): an anonymous read of the rootDSE, naming what answered. First an anonymous
/// bind written by hand on the connection <see cref="TcpConnector"/> opened, which tells LDAP from any other service
/// quickly and quotes what a wrong one sent; then the rootDSE read with System.DirectoryServices.Protocols (libldap on
/// Linux: Debian package libldap-2.5-0).
/// </summary>
public sealed class LdapProbe : IProbeKind
{
    private static readonly string[] RootDseAttributes =
        ["dnsHostName", "defaultNamingContext", "namingContexts", "vendorName", "vendorVersion", "supportedLDAPVersion", "isGlobalCatalogReady"];

    // BindRequest, message 1, LDAPv3, empty name, simple empty password: an anonymous bind (RFC 4511 4.2).
    private static readonly byte[] AnonymousBind = [0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00, 0x80, 0x00];

    // UnbindRequest, message 2: a polite goodbye before closing.
    private static readonly byte[] Unbind = [0x30, 0x05, 0x02, 0x01, 0x02, 0x42, 0x00];

    public string Kind => ProbeKinds.Ldap;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ProbeExchange.RunAsync(probe, "LDAP", async (stream, address, ct) =>
        {
            var bindResult = await BindAnonymouslyAsync(stream, ct);
            // The same address the proof connected to: the rootDSE read must not land on another DC of the name.
            var server = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            var rootDse = await ReadRootDseAsync(server, probe.Port, TimeSpan.FromMilliseconds(probe.TimeoutMs), ct);
            return new ExchangeResult(bindResult == 0 ? rootDse : $"{rootDse} (the anonymous bind answered result code {bindResult})");
        }, cancellationToken);

    /// <summary>Sends the anonymous bind and returns the LDAP result code; anything that is not a BindResponse is a mismatch.</summary>
    private static async Task<int> BindAnonymouslyAsync(RecordingStream stream, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(AnonymousBind, cancellationToken);
        var header = new byte[2];
        await stream.ReadExactlyAsync(header, cancellationToken);
        if (header[0] != 0x30) throw new ProtocolMismatchException();
        int length = header[1];
        if ((length & 0x80) != 0)
        {
            var octets = length & 0x7f;
            if (octets is 0 or > 3) throw new ProtocolMismatchException("not an LDAP message length");
            var bytes = new byte[octets];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            length = 0;
            foreach (var b in bytes) length = (length << 8) | b;
        }

        if (length is < 7 or > 64 * 1024) throw new ProtocolMismatchException("not an LDAP bind response");
        var message = new byte[length];
        await stream.ReadExactlyAsync(message, cancellationToken);

        // messageID INTEGER, then [APPLICATION 1] BindResponse whose first element is resultCode ENUMERATED.
        var i = 0;
        if (message[i++] != 0x02) throw new ProtocolMismatchException("not an LDAP message");
        i += message[i] + 1;
        if (i + 4 >= message.Length || message[i] != 0x61) throw new ProtocolMismatchException("not an LDAP bind response");
        i += (message[i + 1] & 0x80) != 0 ? 2 + (message[i + 1] & 0x7f) : 2;
        if (i + 2 >= message.Length || message[i] != 0x0a) throw new ProtocolMismatchException("not an LDAP bind response");
        var result = message[i + 2];
        await stream.WriteAsync(Unbind, cancellationToken);
        return result;
    }

    private static Task<string> ReadRootDseAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            try
            {
                using var connection = new LdapConnection(new LdapDirectoryIdentifier(address, port, fullyQualifiedDnsHostName: false, connectionless: false),
                    credential: null, AuthType.Anonymous)
                {
                    Timeout = timeout,
                    AutoBind = true,
                };
                connection.SessionOptions.ProtocolVersion = 3;
                connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
                var request = new SearchRequest("", "(objectClass=*)", SearchScope.Base, RootDseAttributes);
                var response = (SearchResponse)connection.SendRequest(request, timeout);
                if (response.Entries.Count == 0) return "LDAP answered, but the rootDSE is not readable anonymously.";
                return Describe(response.Entries[0]);
            }
            catch (DirectoryOperationException ex)
            {
                // An LDAP result code is an LDAP answer: the service is there, it just would not show the rootDSE.
                return $"LDAP answered the rootDSE read with {ex.Response?.ResultCode.ToString() ?? "an error"}: {ex.Message.TrimEnd('.')}.";
            }
            catch (LdapException ex)
            {
                throw new UnhealthyServiceException($"LDAP answered the anonymous bind, but the rootDSE read failed: {ex.Message.TrimEnd('.')} (LDAP error {ex.ErrorCode}){(string.IsNullOrEmpty(ex.ServerErrorMessage) ? "" : ": " + ex.ServerErrorMessage)}.");
            }
            catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException)
            {
                throw new InvalidOperationException(
                    "The LDAP client library is missing on this machine: install libldap (Debian 12: libldap-2.5-0, Debian 13: libldap2).", ex);
            }
        }, cancellationToken);

    private static string Describe(SearchResultEntry rootDse)
    {
        var parts = new List<string>();
        foreach (var name in RootDseAttributes)
        {
            if (rootDse.Attributes[name] is not { Count: > 0 } attribute) continue;
            var values = attribute.GetValues(typeof(string)).Cast<string>().Take(4).ToList();
            parts.Add($"{name} {string.Join(", ", values)}{(attribute.Count > values.Count ? ", ..." : "")}");
        }

        return parts.Count == 0
            ? "LDAP rootDSE read anonymously (it names no attributes asked for)."
            : $"LDAP rootDSE read anonymously: {string.Join("; ", parts)}.";
    }
}
