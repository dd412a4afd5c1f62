using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central;

public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions o)
    {
        var s = ShutdownOptions.Section;
        var errors = new List<string>();
        if (o.TimeoutSeconds is < 1 or > 600)
            errors.Add($"{s}:TimeoutSeconds must be between 1 and 600 (is {o.TimeoutSeconds}).");
        if (o.JobGraceSeconds is < 0 or > 600)
            errors.Add($"{s}:JobGraceSeconds must be between 0 and 600 (is {o.JobGraceSeconds}).");
        else if (o.TimeoutSeconds is >= 1 and <= 600 && o.JobGraceSeconds >= o.TimeoutSeconds)
            errors.Add($"{s}:JobGraceSeconds ({o.JobGraceSeconds}) must be less than {s}:TimeoutSeconds ({o.TimeoutSeconds}): a job must be stopped before the stop is cut short.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
