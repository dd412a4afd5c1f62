using System.DirectoryServices.Protocols;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Optional sign-in with Active Directory (or any LDAP directory), bound from "Central:Ldap". Central binds with the
/// service account, finds the user with <see cref="UserFilter"/>, binds as the user with the password given, and maps the
/// user's groups (memberOf and <see cref="GroupFilter"/>) to a role through <see cref="RoleGroups"/>: the highest wins.
/// </summary>
public sealed class LdapOptions
{
    public const string Section = "Central:Ldap";

    public bool Enabled { get; set; }

    /// <summary>Host name of the directory server (a domain controller, or the domain's name).</summary>
    public string? Server { get; set; }

    /// <summary>0: 636 with TLS, 389 without.</summary>
    public int Port { get; set; }

    /// <summary>LDAPS (TLS from the first byte). The server's certificate must be trusted (system store or <see cref="TrustedCertificatesDirectory"/>).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Linux: a folder of trusted CA certificates in OpenSSL's hashed layout (c_rehash), instead of the system store.</summary>
    public string? TrustedCertificatesDirectory { get; set; }

    /// <summary>The service account that searches for users (its DN or user@domain). Empty: search anonymously.</summary>
    public string? BindDn { get; set; }

    public string? BindPassword { get; set; }

    /// <summary>Where users are searched (subtree), e.g. DC=contoso,DC=example.</summary>
    public string? SearchBase { get; set; }

    /// <summary>{0} is the user name typed at login, escaped.</summary>
    public string UserFilter { get; set; } = "(&(objectClass=user)(sAMAccountName={0}))";

    /// <summary>Groups of the user, {0} its DN (escaped). For AD's nested groups: (member:1.2.840.113556.1.4.1941:={0}).</summary>
    public string GroupFilter { get; set; } = "(&(objectClass=group)(member={0}))";

    /// <summary>Where groups are searched; empty: <see cref="SearchBase"/>.</summary>
    public string? GroupSearchBase { get; set; }

    /// <summary>
    /// Role (Viewer, Operator, Admin) -> the groups that grant it, each by DN or CN. Keyed by role, not by group: a DN
    /// holds '=' and ',' that environment variables and command lines cannot carry in a key.
    /// </summary>
    public Dictionary<string, List<string>> RoleGroups { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role a group grants (by DN, else by CN), or null.</summary>
    public string? RoleOf(string groupDn)
    {
        string? best = null;
        foreach (var (role, groups) in RoleGroups)
        {
            if (CentralRoles.Normalise(role) is not { } r) continue;
            if (groups.Any(g => string.Equals(g, groupDn, StringComparison.OrdinalIgnoreCase) || string.Equals(g, LdapAuthenticator.CommonName(groupDn), StringComparison.OrdinalIgnoreCase))
                && CentralRoles.Rank(r) > CentralRoles.Rank(best))
                best = r;
        }

        return best;
    }

    public int TimeoutSeconds { get; set; } = 10;

    public int EffectivePort => Port > 0 ? Port : UseTls ? 636 : 389;
}

public sealed class LdapOptionsValidator : IValidateOptions<LdapOptions>
{
    public ValidateOptionsResult Validate(string? name, LdapOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var s = LdapOptions.Section;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Server)) errors.Add($"{s}:Server is required when {s}:Enabled is true.");
        if (options.Port is < 0 or > 65535) errors.Add($"{s}:Port must be between 1 and 65535, or 0 for the default (is {options.Port}).");
        if (string.IsNullOrWhiteSpace(options.SearchBase)) errors.Add($"{s}:SearchBase is required when {s}:Enabled is true.");
        if (!options.UserFilter.Contains("{0}", StringComparison.Ordinal) || !options.UserFilter.StartsWith('('))
            errors.Add($"{s}:UserFilter must be an LDAP filter with {{0}} for the user name (is '{options.UserFilter}').");
        if (options.GroupFilter.Length > 0 && (!options.GroupFilter.Contains("{0}", StringComparison.Ordinal) || !options.GroupFilter.StartsWith('(')))
            errors.Add($"{s}:GroupFilter must be empty or an LDAP filter with {{0}} for the user's DN (is '{options.GroupFilter}').");
        if (string.IsNullOrEmpty(options.BindDn) != string.IsNullOrEmpty(options.BindPassword))
            errors.Add($"{s}:BindDn and {s}:BindPassword go together: set both, or neither to search anonymously.");
        if (options.RoleGroups.Values.Sum(g => g.Count) == 0)
            errors.Add($"{s}:RoleGroups must name at least one group for a role ({s}:RoleGroups:Viewer:0 = CN=...).");
        foreach (var role in options.RoleGroups.Keys)
        {
            if (CentralRoles.Normalise(role) is null)
                errors.Add($"{s}:RoleGroups:{role}: '{role}' is not a role ({string.Join(", ", CentralRoles.All)}).");
        }

        if (options.TimeoutSeconds is < 1 or > 120) errors.Add($"{s}:TimeoutSeconds must be between 1 and 120 (is {options.TimeoutSeconds}).");
        if (options.TrustedCertificatesDirectory is { Length: > 0 } dir && !Directory.Exists(dir))
            errors.Add($"{s}:TrustedCertificatesDirectory: folder '{dir}' does not exist.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// What the directory said. <see cref="Error"/> is for the log (it may name the directory's own message),
/// <see cref="UserError"/> for the person, when it differs from "wrong user name or password".
/// </summary>
public sealed record LdapSignIn(bool Succeeded, string? Role, string? DistinguishedName, IReadOnlyList<string> MatchedGroups, string? Error, string? UserError)
{
    public static LdapSignIn Fail(string error, string? userError = null) => new(false, null, null, [], error, userError);
}

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
            List<string> groups;
            using (var service = Connect(o, string.IsNullOrEmpty(o.BindDn) ? null : new NetworkCredential(o.BindDn, o.BindPassword)))
            {
                var filter = string.Format(System.Globalization.CultureInfo.InvariantCulture, o.UserFilter, EscapeFilter(userName));
                var found = (SearchResponse)service.SendRequest(new SearchRequest(o.SearchBase, filter, SearchScope.Subtree, "memberOf"), Timeout(o));
                if (found.Entries.Count == 0) return LdapSignIn.Fail("no such user in the directory");
                if (found.Entries.Count > 1) return LdapSignIn.Fail($"{found.Entries.Count} directory entries match the user filter; it must find one");
                var entry = found.Entries[0];
                userDn = entry.DistinguishedName;
                groups = Values(entry, "memberOf");
                if (o.GroupFilter.Length > 0)
                {
                    var groupFilter = string.Format(System.Globalization.CultureInfo.InvariantCulture, o.GroupFilter, EscapeFilter(userDn));
                    var groupBase = string.IsNullOrWhiteSpace(o.GroupSearchBase) ? o.SearchBase : o.GroupSearchBase;
                    var memberships = (SearchResponse)service.SendRequest(new SearchRequest(groupBase, groupFilter, SearchScope.Subtree, "cn"), Timeout(o));
                    groups.AddRange(memberships.Entries.Cast<SearchResultEntry>().Select(g => g.DistinguishedName));
                }
            }

            // The password proves itself by a bind as the user, on a connection of its own.
            using (var asUser = Connect(o, new NetworkCredential(userDn, password)))
            {
                _ = asUser;
            }

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
