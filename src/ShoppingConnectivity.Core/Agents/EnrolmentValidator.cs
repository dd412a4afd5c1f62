using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Agents;

/// <summary>Checks an enrolment request before its key is looked at; every error names the field at fault.</summary>
public static class EnrolmentValidator
{
    public const int MaxHostNameLength = HostNames.MaxLength;

    public const int MaxVersionLength = 64;

    public const int MaxRoles = 20;

    public static IReadOnlyList<string> Validate(EnrolmentRequest enrolment, FlowCatalogue catalogue)
    {
        var errors = new List<string>();
        if (!HostNames.IsValid(enrolment.HostName))
            errors.Add($"hostName: '{Shown(enrolment.HostName)}' is not a valid host name ({HostNames.Rule}).");
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

    /// <summary>A bad name as the error shows it: cut short, so a megabyte of junk is not echoed back.</summary>
    private static string Shown(string? name) => name is null ? "" : name.Length <= 80 ? name : name[..80] + "...";
}
