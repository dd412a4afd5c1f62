using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>One HTTP GET a probe makes: where to connect, what to send as Host and SNI, and the path.</summary>
/// <param name="DisplayHost">The name the detail uses (the estate's host name).</param>
public sealed record HttpTarget(string Address, int Port, bool Tls, string DisplayHost, string HostHeader, string ServerName, string Path, TimeSpan Timeout)
{
    /// <summary>The GET a planned http/https probe makes: connect to Address:Port, Host header = TargetHost:Port.</summary>
    public static HttpTarget For(PlannedProbe probe, bool tls)
    {
        var host = string.IsNullOrWhiteSpace(probe.TargetHost) ? probe.Address : probe.TargetHost.Trim();
        return new HttpTarget(probe.Address, probe.Port, tls, host, Authority(host, probe.Port), TlsHandshake.ServerName(host, probe.Address),
            NormalPath(probe.HttpPath), TimeSpan.FromMilliseconds(probe.TimeoutMs));
    }

    /// <summary>The GET of an absolute URL (Tachyon discovery and the agent URL it names).</summary>
    public static HttpTarget For(Uri url, TimeSpan timeout) =>
        new(url.IdnHost, url.Port, url.Scheme == Uri.UriSchemeHttps, url.Host, url.Authority, url.IdnHost, url.PathAndQuery, timeout);

    public string Url => $"{(Tls ? "https" : "http")}://{HostHeader}{Path}";

    public static string Authority(string host, int port) =>
        $"{(host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host)}:{port}";

    private static string NormalPath(string? path) =>
        string.IsNullOrWhiteSpace(path) ? "/" : path.StartsWith('/') ? path.Trim() : "/" + path.Trim();
}
