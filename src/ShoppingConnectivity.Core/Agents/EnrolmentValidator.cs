using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Agents;

/// <summary>Checks an enrolment request before its key is looked at; every error names the field at fault.</summary>
public static class EnrolmentValidator
{
    public const int MaxHostNameLength = 253;

    public const int MaxVersionLength = 64;

    public const int MaxRoles = 20;

    public static IReadOnlyList<string> Validate(EnrolmentRequest enrolment, FlowCatalogue catalogue)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(enrolment.HostName) || enrolment.HostName.Length > MaxHostNameLength
            || enrolment.HostName.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '.'))
            errors.Add($"hostName: required, letters, digits, '-' and '.' only, at most {MaxHostNameLength} characters.");
        if (enrolment.Version is { Length: > MaxVersionLength })
            errors.Add($"version: at most {MaxVersionLength} characters.");
        if (string.IsNullOrEmpty(enrolment.EnrolmentKey))
            errors.Add("enrolmentKey: required.");
        var roles = enrolment.Roles ?? [];
        if (roles.Count > MaxRoles) errors.Add($"roles: at most {MaxRoles} roles.");
        for (var i = 0; i < Math.Min(roles.Count, MaxRoles); i++)
        {
            if (roles[i] is not { } role || catalogue.FindRole(role) is null)
                errors.Add($"roles[{i}]: unknown role '{roles[i]}' (known: {string.Join(", ", catalogue.Roles.Select(r => r.Id))}).");
        }

        return errors;
    }
}
