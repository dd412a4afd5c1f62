using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>Lists every invalid enrolment setting with its configuration key.</summary>
public sealed class EnrolmentOptionsValidator : IValidateOptions<EnrolmentOptions>
{
    public ValidateOptionsResult Validate(string? name, EnrolmentOptions options)
    {
        var errors = new List<string>();
        var s = EnrolmentOptions.Section;
        if (options.FreeFailuresPerAddress is < 1 or > 1000)
            errors.Add($"{s}:FreeFailuresPerAddress must be between 1 and 1000 (is {options.FreeFailuresPerAddress}).");
        if (options.FreeFailuresOverall is < 1 or > 100_000)
            errors.Add($"{s}:FreeFailuresOverall must be between 1 and 100000 (is {options.FreeFailuresOverall}).");
        if (options.FirstLockoutSeconds is < 1 or > 3600)
            errors.Add($"{s}:FirstLockoutSeconds must be between 1 and 3600 (is {options.FirstLockoutSeconds}).");
        if (options.LongestLockoutSeconds < options.FirstLockoutSeconds || options.LongestLockoutSeconds > 86_400)
            errors.Add($"{s}:LongestLockoutSeconds must be between {s}:FirstLockoutSeconds ({options.FirstLockoutSeconds}) and 86400 (is {options.LongestLockoutSeconds}).");
        if (options.MaxPendingPerAddress is < 1 or > 10_000)
            errors.Add($"{s}:MaxPendingPerAddress must be between 1 and 10000 (is {options.MaxPendingPerAddress}).");
        if (options.MaxPending < options.MaxPendingPerAddress || options.MaxPending > 1_000_000)
            errors.Add($"{s}:MaxPending must be between {s}:MaxPendingPerAddress ({options.MaxPendingPerAddress}) and 1000000 (is {options.MaxPending}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
