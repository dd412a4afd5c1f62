using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Security;

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
        if (options.SignInFailuresPerAddress is < 1 or > 1_000_000)
            errors.Add($"{s}:SignInFailuresPerAddress must be between 1 and 1000000 (is {options.SignInFailuresPerAddress}).");
        if (options.SignInFailureWindowSeconds is < 1 or > 86_400)
            errors.Add($"{s}:SignInFailureWindowSeconds must be between 1 and 86400 (is {options.SignInFailureWindowSeconds}).");
        if (options.SignInTrackedAddresses is < 1 or > 10_000_000)
            errors.Add($"{s}:SignInTrackedAddresses must be between 1 and 10000000 (is {options.SignInTrackedAddresses}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
