using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

/// <summary>Sessions of people and limits on agents, bound from "Central:Security".</summary>
public sealed class SecurityOptions
{
    public const string Section = "Central:Security";

    /// <summary>How often a signed-in session is checked against the user (password changed, role changed, disabled): 0 = every request.</summary>
    public int SessionValidationSeconds { get; set; } = 60;

    /// <summary>A session ends after this many hours without a request (sliding).</summary>
    public int SessionHours { get; set; } = 12;

    /// <summary>Requests one agent (one agent id with its token) may make per minute; past it 429 with Retry-After.</summary>
    public int AgentRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Enrolment requests per minute from one client address. Generous: a rollout enrols many hosts at once, often
    /// behind one NAT or proxy address; it only has to stop a caller trying keys at full speed.
    /// </summary>
    public int EnrolRequestsPerMinute { get; set; } = 600;

    /// <summary>Largest results body accepted from an agent, in kilobytes; past it 413.</summary>
    public int MaxResultsBodyKilobytes { get; set; } = 8192;
}

/// <summary>The first administrator, bound from "Central:Bootstrap". Used only while the database has no user at all.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Central:Bootstrap";

    public string? AdminUser { get; set; }

    public string? AdminPassword { get; set; }
}

public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var s = SecurityOptions.Section;
        var errors = new List<string>();
        if (options.SessionValidationSeconds is < 0 or > 3600)
            errors.Add($"{s}:SessionValidationSeconds must be between 0 (every request) and 3600 (is {options.SessionValidationSeconds}).");
        if (options.SessionHours is < 1 or > 720)
            errors.Add($"{s}:SessionHours must be between 1 and 720 (is {options.SessionHours}).");
        if (options.AgentRequestsPerMinute is < 1 or > 1_000_000)
            errors.Add($"{s}:AgentRequestsPerMinute must be between 1 and 1000000 (is {options.AgentRequestsPerMinute}).");
        if (options.EnrolRequestsPerMinute is < 1 or > 1_000_000)
            errors.Add($"{s}:EnrolRequestsPerMinute must be between 1 and 1000000 (is {options.EnrolRequestsPerMinute}).");
        if (options.MaxResultsBodyKilobytes is < 16 or > 1_048_576)
            errors.Add($"{s}:MaxResultsBodyKilobytes must be between 16 and 1048576 (is {options.MaxResultsBodyKilobytes}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var s = BootstrapOptions.Section;
        var errors = new List<string>();
        var hasUser = !string.IsNullOrWhiteSpace(options.AdminUser);
        var hasPassword = !string.IsNullOrEmpty(options.AdminPassword);
        if (hasUser != hasPassword)
            errors.Add($"{s}:AdminUser and {s}:AdminPassword go together: set both or neither.");
        if (hasUser && !UserNames.IsValid(options.AdminUser!))
            errors.Add($"{s}:AdminUser: {UserNames.Rule}");
        if (hasPassword && options.AdminPassword!.Length < Passwords.MinimumLength)
            errors.Add($"{s}:AdminPassword must be at least {Passwords.MinimumLength} characters (it is {options.AdminPassword.Length}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>What a user name may be: short, printable, no spaces (it is also the audit log's "who").</summary>
public static class UserNames
{
    public const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@";

    public const string Rule = "a user name is 1 to 64 characters: letters a-z, digits and . _ - @ only.";

    public static bool IsValid(string name) => name.Length is >= 1 and <= 64 && name.All(Allowed.Contains);
}

/// <summary>Passwords: length over composition rules (NIST SP 800-63B).</summary>
public static class Passwords
{
    public const int MinimumLength = 12;
}
