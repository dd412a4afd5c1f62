using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

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
