using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

public sealed class LdapAuthenticator(IOptions<LdapOptions> options)
{
    private const int InvalidCredentials = 49;

    public Task<LdapSignIn> AuthenticateAsync(string userName, string password, CancellationToken cancellationToken) =>
        Task.Run(() => Authenticate(userName, password), cancellationToken);

    private LdapSignIn Authenticate(string userName, string password)
    {
        var o = options.Value;
        // An empty password would be an anonymous ("unauthenticated") bind that many servers accept: never a sign-in.
        if (string.IsNullOrEmpty(password)) return LdapSignIn.Fail("empty password");
        try
        {
            string userDn;
            bool known;
            List<string> groups;
            using (var service = Connect(o, string.IsNullOrEmpty(o.BindDn) ? null : new NetworkCredential(o.BindDn, o.BindPassword)))
            {
                var filter = string.Format(System.Globalization.CultureInfo.InvariantCulture, o.UserFilter, EscapeFilter(userName));
                var found = (SearchResponse)service.SendRequest(new SearchRequest(o.SearchBase, filter, SearchScope.Subtree, "memberOf"), Timeout(o));
                if (found.Entries.Count > 1) return LdapSignIn.Fail($"{found.Entries.Count} directory entries match the user filter; it must find one");
                // An unknown name goes on as a DN no entry has: the same searches and bind as a known one, so the
                // directory's answer time does not tell which names exist.
                known = found.Entries.Count == 1;
                userDn = known ? found.Entries[0].DistinguishedName : NoSuchUserDn(o);
                groups = known ? Values(found.Entries[0], "memberOf") : [];
                if (o.GroupFilter.Length > 0)
                {
                    var groupFilter = string.Format(System.Globalization.CultureInfo.InvariantCulture, o.GroupFilter, EscapeFilter(userDn));
                    var groupBase = string.IsNullOrWhiteSpace(o.GroupSearchBase) ? o.SearchBase : o.GroupSearchBase;
                    var memberships = (SearchResponse)service.SendRequest(new SearchRequest(groupBase, groupFilter, SearchScope.Subtree, "cn"), Timeout(o));
                    groups.AddRange(memberships.Entries.Cast<SearchResultEntry>().Select(g => g.DistinguishedName));
                }
            }

            // The password proves itself by a bind as the user, on a connection of its own.
            try
            {
                using var asUser = Connect(o, new NetworkCredential(userDn, password));
            }
            catch (LdapException) when (!known)
            {
                // Refused, as expected for a DN that does not exist.
            }

            if (!known) return LdapSignIn.Fail("no such user in the directory");

            var matched = new List<string>();
            string? role = null;
            foreach (var group in groups.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (o.RoleOf(group) is not { } r) continue;
                matched.Add(group);
                if (CentralRoles.Rank(r) > CentralRoles.Rank(role)) role = r;
            }

            return role is null
                ? LdapSignIn.Fail($"{userDn} is in no group of {LdapOptions.Section}:RoleGroups (its groups: {(groups.Count == 0 ? "none" : string.Join("; ", groups))})",
                    "Your directory account is in no group that has a role in Shopping Connectivity; ask an administrator.")
                : new LdapSignIn(true, role, userDn, matched, null, null);
        }
        catch (LdapException ex) when (ex.ErrorCode == InvalidCredentials)
        {
            return LdapSignIn.Fail("the directory refused the password (invalid credentials)");
        }
        catch (LdapException ex)
        {
            return LdapSignIn.Fail($"the directory at {o.Server}:{o.EffectivePort} failed: {ex.Message.TrimEnd('.')} (LDAP error {ex.ErrorCode}){(string.IsNullOrEmpty(ex.ServerErrorMessage) ? "" : ": " + ex.ServerErrorMessage)}",
                "The directory could not be reached to check your password; try again or ask an administrator.");
        }
        catch (DirectoryOperationException ex)
        {
            return LdapSignIn.Fail($"the directory at {o.Server}:{o.EffectivePort} refused the search: {ex.Message.TrimEnd('.')}",
                "The directory could not be searched for your account; ask an administrator.");
        }
    }

    private static LdapConnection Connect(LdapOptions o, NetworkCredential? credential)
    {
        var connection = new LdapConnection(new LdapDirectoryIdentifier(o.Server, o.EffectivePort, fullyQualifiedDnsHostName: false, connectionless: false))
        {
            AuthType = credential is null ? AuthType.Anonymous : AuthType.Basic,
            Timeout = Timeout(o),
            AutoBind = false,
        };
        try
        {
            connection.SessionOptions.ProtocolVersion = 3;
            connection.SessionOptions.ReferralChasing = ReferralChasingOptions.None;
            if (o.UseTls)
            {
                connection.SessionOptions.SecureSocketLayer = true;
                if (!string.IsNullOrEmpty(o.TrustedCertificatesDirectory) && !OperatingSystem.IsWindows())
                {
                    connection.SessionOptions.TrustedCertificatesDirectory = o.TrustedCertificatesDirectory;
                    connection.SessionOptions.StartNewTlsSessionContext();
                }
            }

            if (credential is null) connection.Bind();
            else connection.Bind(credential);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>A DN under the search base that names no entry (the bind an unknown name does).</summary>
    private static string NoSuchUserDn(LdapOptions o) => $"cn=shopping-connectivity-no-such-user,{o.SearchBase}";

    private static TimeSpan Timeout(LdapOptions o) => TimeSpan.FromSeconds(o.TimeoutSeconds);

    private static List<string> Values(SearchResultEntry entry, string attribute) =>
        entry.Attributes[attribute] is { } values ? values.GetValues(typeof(string)).Cast<string>().ToList() : [];

    /// <summary>The value of a DN's first RDN: CN=Shop Admins,OU=Groups,... -> Shop Admins.</summary>
    public static string CommonName(string dn)
    {
        var first = dn.Split(',', 2)[0];
        var eq = first.IndexOf('=');
        return eq < 0 ? dn : first[(eq + 1)..].Trim();
    }

    /// <summary>RFC 4515: a value inside a filter, so a user name like "*" or "a)(cn=*" matches only itself.</summary>
    public static string EscapeFilter(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\5c",
                '*' => @"\2a",
                '(' => @"\28",
                ')' => @"\29",
                '\0' => @"\00",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
