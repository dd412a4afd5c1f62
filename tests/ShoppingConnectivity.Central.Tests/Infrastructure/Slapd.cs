using System.DirectoryServices.Protocols;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using ShoppingConnectivity.TestSupport.Lab;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// A real OpenLDAP server (Debian's slapd, as the agent tests start it) on loopback with its own configuration and
/// database in a temp folder, plain LDAP and LDAPS with a certificate the test made; filled by the test through LDAP
/// itself as the directory's root: people under ou=people, groups (groupOfNames) under ou=groups.
/// </summary>
public sealed class Slapd : IDisposable
{
    public const string Suffix = "dc=lab,dc=test";
    public const string RootDn = "cn=admin," + Suffix;
    public const string RootPassword = "slapd-root-password";

    private readonly TestProcess _process;
    private int _ownBinds;

    private Slapd(string directory, int port, int securePort, string caDirectory)
    {
        Directory = directory;
        Port = port;
        SecurePort = securePort;
        TrustedCertificatesDirectory = caDirectory;
        // -d stats: in the foreground, one line per operation (binds are counted); -h: only our own URLs, never the system's 389.
        _process = TestProcess.Start("slapd", "/usr/sbin/slapd",
            ["-d", "stats", "-f", Path.Combine(directory, "slapd.conf"), "-h", $"ldap://127.0.0.1:{port}/ ldaps://127.0.0.1:{securePort}/"]);
    }

    public string Directory { get; }
    public int Port { get; }
    public int SecurePort { get; }

    /// <summary>OpenSSL's hashed CA folder holding the server certificate (for Central:Ldap:TrustedCertificatesDirectory).</summary>
    public string TrustedCertificatesDirectory { get; }

    public static Slapd Start()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("sc-slapd-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "db"));
        var ca = System.IO.Directory.CreateDirectory(Path.Combine(directory, "ca")).FullName;
        WriteCertificate(directory, ca);
        File.WriteAllText(Path.Combine(directory, "slapd.conf"), $"""
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile {directory}/slapd.pid
            TLSCertificateFile {directory}/cert.pem
            TLSCertificateKeyFile {directory}/key.pem
            database mdb
            suffix "{Suffix}"
            rootdn "{RootDn}"
            rootpw {RootPassword}
            directory {directory}/db
            maxsize 10485760
            """);
        var slapd = new Slapd(directory, LoopbackPorts.Free(), LoopbackPorts.Free(), ca);
        try
        {
            slapd._process.WaitUntil(() => LoopbackPorts.Accepts(slapd.Port) && LoopbackPorts.Accepts(slapd.SecurePort), "listening", TimeSpan.FromSeconds(15));
            slapd.Add(Suffix, ("objectClass", ["dcObject", "organization"]), ("dc", ["lab"]), ("o", ["Lab"]));
            slapd.Add("ou=people," + Suffix, ("objectClass", ["organizationalUnit"]), ("ou", ["people"]));
            slapd.Add("ou=groups," + Suffix, ("objectClass", ["organizationalUnit"]), ("ou", ["groups"]));
            return slapd;
        }
        catch
        {
            slapd.Dispose();
            throw;
        }
    }

    public static string PersonDn(string uid) => $"uid={uid},ou=people,{Suffix}";

    public static string GroupDn(string cn) => $"cn={cn},ou=groups,{Suffix}";

    public void AddPerson(string uid, string password) =>
        Add(PersonDn(uid), ("objectClass", ["inetOrgPerson"]), ("uid", [uid]), ("cn", [uid]), ("sn", [uid]), ("userPassword", [password]));

    /// <summary>A groupOfNames must have a member: the root DN stays in each, so the last person can leave.</summary>
    public void AddGroup(string cn, params string[] memberUids) =>
        Add(GroupDn(cn), ("objectClass", ["groupOfNames"]), ("cn", [cn]), ("member", [RootDn, .. memberUids.Select(PersonDn)]));

    public void AddMember(string group, string uid) => Modify(GroupDn(group), Member(DirectoryAttributeOperation.Add, uid));

    public void RemoveMember(string group, string uid) => Modify(GroupDn(group), Member(DirectoryAttributeOperation.Delete, uid));

    private static DirectoryAttributeModification Member(DirectoryAttributeOperation operation, string uid)
    {
        var modification = new DirectoryAttributeModification { Name = "member", Operation = operation };
        modification.Add(PersonDn(uid));
        return modification;
    }

    private void Add(string dn, params (string Name, string[] Values)[] attributes)
    {
        using var connection = AsRoot();
        connection.SendRequest(new AddRequest(dn, attributes.Select(a => new DirectoryAttribute(a.Name, a.Values.Cast<object>().ToArray())).ToArray()));
    }

    private void Modify(string dn, DirectoryAttributeModification modification)
    {
        using var connection = AsRoot();
        connection.SendRequest(new ModifyRequest(dn, modification));
    }

    private LdapConnection AsRoot()
    {
        Interlocked.Increment(ref _ownBinds);
        var connection = new LdapConnection(new LdapDirectoryIdentifier("127.0.0.1", Port), new NetworkCredential(RootDn, RootPassword), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind();
        return connection;
    }

    public string Output => _process.Output;

    /// <summary>Bind requests slapd has logged so far (the tests' own as root included; one line each, a success logs a second without "method").</summary>
    public int Binds => Regex.Count(Output, " BIND dn=\"[^\"]*\" method=");

    /// <summary>slapd logs on its own time: waits until it has logged at least <paramref name="count"/> binds.</summary>
    public void WaitForBinds(int count) => _process.WaitUntil(() => Binds >= count, $"{count} binds logged", TimeSpan.FromSeconds(10));

    /// <summary>Waits until the log shows the binds of the filling so far, so <see cref="Binds"/> counts only what follows.</summary>
    public void WaitForOwnBinds() => WaitForBinds(_ownBinds);

    /// <summary>A self-signed certificate for 127.0.0.1, also placed in <paramref name="ca"/> under OpenSSL's subject hash.</summary>
    private static void WriteCertificate(string directory, string ca)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pem = certificate.ExportCertificatePem();
        File.WriteAllText(Path.Combine(directory, "cert.pem"), pem);
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        // OpenSSL finds CA files in a folder by the hash of their subject (what c_rehash names them).
        var hash = Commands.Check(["openssl", "x509", "-hash", "-noout", "-in", Path.Combine(directory, "cert.pem")]).Trim();
        File.WriteAllText(Path.Combine(ca, hash + ".0"), pem);
    }

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
