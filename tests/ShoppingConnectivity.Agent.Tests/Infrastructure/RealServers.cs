using ShoppingConnectivity.TestSupport.Lab;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>
/// Starts the Debian servers the probes are tested against, each with its own configuration in a temp directory and
/// its own port, never the system service. All run in the foreground at a <see cref="Place"/> (loopback or a namespace).
/// </summary>
public static class RealServers
{
    /// <summary>Debian's own Python (python3-aiosmtpd is installed for it), not whatever python3 is first on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// slapd with one empty mdb database (dc=lab,dc=test), plain LDAP on <paramref name="ldapPorts"/> and LDAPS on
    /// <paramref name="ldapsPorts"/> with <paramref name="certificate"/>. <see cref="RealServer.Port"/> is the first plain
    /// port, <see cref="RealServer.SecurePort"/> the first TLS one.
    /// </summary>
    public static RealServer Slapd(Place place, string address, IReadOnlyList<int> ldapPorts, IReadOnlyList<int>? ldapsPorts = null, TestCertificate? certificate = null)
    {
        ldapsPorts ??= [];
        if (ldapsPorts.Count > 0 && certificate is null) throw new ArgumentException("LDAPS needs a certificate.", nameof(certificate));
        var dir = new TempDirectory("slapd");
        try
        {
            var tls = "";
            if (certificate is not null)
            {
                certificate.WritePem(dir.File("cert.pem"), dir.File("key.pem"));
                tls = $"TLSCertificateFile {dir.File("cert.pem")}\nTLSCertificateKeyFile {dir.File("key.pem")}\n";
            }

            File.WriteAllText(dir.File("slapd.conf"), $"""
                include /etc/ldap/schema/core.schema
                modulepath /usr/lib/ldap
                moduleload back_mdb
                pidfile {dir.File("slapd.pid")}
                {tls}
                database mdb
                suffix "dc=lab,dc=test"
                directory {dir.Sub("db")}
                maxsize 10485760
                """);
            var urls = string.Join(' ', ldapPorts.Select(p => $"ldap://{address}:{p}/").Concat(ldapsPorts.Select(p => $"ldaps://{address}:{p}/")));
            // -d 0: stay in the foreground without debug output; -h: only our own URLs, never the system's 389.
            var process = ServiceProcess.Start("slapd", place, place.Command("/usr/sbin/slapd", "-d", "0", "-f", dir.File("slapd.conf"), "-h", urls),
                [.. ldapPorts, .. ldapsPorts]);
            return new RealServer(process, dir, address, ldapPorts[0], ldapsPorts.Count > 0 ? ldapsPorts[0] : null);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>aiosmtpd (python3-aiosmtpd), the SMTP server Debian ships as a module.</summary>
    public static RealServer Smtp(Place place, string address, int port)
    {
        var dir = new TempDirectory("smtp");
        try
        {
            var process = ServiceProcess.Start("aiosmtpd", place, place.Command(Python, "-m", "aiosmtpd", "-n", "-l", $"{address}:{port}"), [port]);
            return new RealServer(process, dir, address, port);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Dovecot with POP3 only, its own base and state directories, no SSL, no IMAP.</summary>
    public static RealServer Pop3(Place place, string address, int port)
    {
        var dir = new TempDirectory("dovecot");
        try
        {
            File.WriteAllText(dir.File("dovecot.conf"), $$"""
                base_dir = {{dir.Sub("run")}}
                state_dir = {{dir.Sub("state")}}
                log_path = /dev/stderr
                protocols = pop3
                ssl = no
                disable_plaintext_auth = no
                listen = {{address}}
                default_login_user = dovenull
                default_internal_user = dovecot
                service pop3-login {
                  inet_listener pop3 {
                    port = {{port}}
                  }
                  inet_listener pop3s {
                    port = 0
                  }
                }
                service imap-login {
                  inet_listener imap {
                    port = 0
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                passdb {
                  driver = static
                  args = nopassword=y
                }
                userdb {
                  driver = static
                  args = uid=nobody gid=nogroup home={{dir.Sub("home")}}
                }
                mail_location = mbox:~/mail
                """);
            var process = ServiceProcess.Start("dovecot", place, place.Command("/usr/sbin/dovecot", "-F", "-c", dir.File("dovecot.conf")), [port]);
            return new RealServer(process, dir, address, port);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Python's http.server serving <paramref name="files"/> (relative path -> content) from a temp directory.</summary>
    public static RealServer Http(Place place, string address, int port, IReadOnlyDictionary<string, string>? files = null)
    {
        var dir = new TempDirectory("http");
        try
        {
            var root = dir.Sub("www");
            File.WriteAllText(Path.Combine(root, "index.html"), "<html><body>test site</body></html>");
            foreach (var (name, content) in files ?? new Dictionary<string, string>())
            {
                var path = Path.Combine(root, name.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
            }

            var process = ServiceProcess.Start("http.server", place,
                place.Command(Python, "-m", "http.server", "--bind", address, "--directory", root, port.ToString(System.Globalization.CultureInfo.InvariantCulture)), [port]);
            return new RealServer(process, dir, address, port);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>OpenSSL's s_server with -www: a real HTTPS server answering GET with a status page.</summary>
    public static RealServer Https(Place place, string address, int port, TestCertificate certificate)
    {
        var dir = new TempDirectory("https");
        try
        {
            certificate.WritePem(dir.File("cert.pem"), dir.File("key.pem"));
            var process = ServiceProcess.Start("openssl s_server", place,
                place.Command("openssl", "s_server", "-quiet", "-www", "-accept", $"{address}:{port}", "-cert", dir.File("cert.pem"), "-key", dir.File("key.pem")), [port]);
            return new RealServer(process, dir, address, port);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>Samba's smbd as a standalone server on <paramref name="port"/>, with every state directory its own.</summary>
    public static RealServer Smbd(Place place, string address, int port)
    {
        var dir = new TempDirectory("smbd");
        try
        {
            WriteSmbConf(dir, address, port);
            var process = ServiceProcess.Start("smbd", place,
                place.Command("/usr/sbin/smbd", "--foreground", "--no-process-group", "--debug-stdout", "--debuglevel=1", $"--configfile={dir.File("smb.conf")}"), [port]);
            return new RealServer(process, dir, address, port);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Samba's samba-dcerpcd standalone with its endpoint mapper (rpcd_epmapper). The endpoint mapper port is fixed at
    /// 135, so on the host it binds its own loopback address (e.g. 127.0.0.135) and needs root.
    /// </summary>
    public static RealServer EndpointMapper(Place place, string address)
    {
        var dir = new TempDirectory("dcerpcd");
        try
        {
            WriteSmbConf(dir, address, smbPort: 0);
            var process = ServiceProcess.Start("samba-dcerpcd", place,
                place.Command("/usr/libexec/samba/samba-dcerpcd", "--foreground", "--no-process-group", "--libexec-rpcds", "--debug-stdout",
                    "--debuglevel=1", $"--configfile={dir.File("smb.conf")}"), [135]);
            return new RealServer(process, dir, address, 135);
        }
        catch
        {
            dir.Dispose();
            throw;
        }
    }

    private static void WriteSmbConf(TempDirectory dir, string address, int smbPort)
    {
        File.WriteAllText(dir.File("smb.conf"), $"""
            [global]
              workgroup = LAB
              netbios name = LABSMB
              server role = standalone server
              {(smbPort > 0 ? $"smb ports = {smbPort}" : "")}
              interfaces = {address}/8
              bind interfaces only = yes
              lock directory = {dir.Sub("lock")}
              state directory = {dir.Sub("state")}
              cache directory = {dir.Sub("cache")}
              pid directory = {dir.Sub("pid")}
              private dir = {dir.Sub("private")}
              ncalrpc dir = {dir.Sub("ncalrpc")}
              log file = {dir.Sub("log")}/%m.log
              disable netbios = yes
              load printers = no
              printing = bsd
              printcap name = /dev/null
              disable spoolss = yes
              rpc start on demand helpers = no
              rpc server dynamic port range = 49152-49160
            """);
    }
}
