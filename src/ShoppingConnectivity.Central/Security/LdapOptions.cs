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
