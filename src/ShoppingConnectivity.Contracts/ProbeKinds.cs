namespace ShoppingConnectivity.Contracts;

/// <summary>The probe kinds an agent knows. The catalogue names one per flow (or per port of a flow).</summary>
public static class ProbeKinds
{
    /// <summary>A TCP connect: proves the port is open, nothing about what answers.</summary>
    public const string Tcp = "tcp";

    /// <summary>A TLS handshake: certificate subject, expiry and days left (LDAPS 636, GC over TLS 3269).</summary>
    public const string Tls = "tls";

    /// <summary>An HTTP GET of a path with expected statuses (Website /shopping, ActiveEfficiency).</summary>
    public const string Http = "http";

    /// <summary>The same over TLS.</summary>
    public const string Https = "https";

    /// <summary>An anonymous read of the LDAP rootDSE (389, Global Catalog 3268).</summary>
    public const string Ldap = "ldap";

    /// <summary>The SMTP greeting and EHLO.</summary>
    public const string Smtp = "smtp";

    /// <summary>The POP3 greeting.</summary>
    public const string Pop3 = "pop3";

    /// <summary>A SQL Server (TDS) pre-login exchange.</summary>
    public const string Sql = "sql";

    /// <summary>A DCE/RPC bind to the endpoint mapper on 135 (WMI/DCOM starts here).</summary>
    public const string Rpc = "rpc";

    /// <summary>An SMB negotiate on 445.</summary>
    public const string Smb = "smb";

    /// <summary>Ask the Website for the Tachyon agent's loopback URL, then probe that URL.</summary>
    public const string Tachyon = "tachyon";

    public static IReadOnlyList<string> All { get; } = [Tcp, Tls, Http, Https, Ldap, Smtp, Pop3, Sql, Rpc, Smb, Tachyon];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
