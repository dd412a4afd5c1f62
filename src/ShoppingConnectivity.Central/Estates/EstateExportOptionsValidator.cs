using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Estates;

public sealed class EstateExportOptionsValidator : IValidateOptions<EstateExportOptions>
{
    public ValidateOptionsResult Validate(string? name, EstateExportOptions o)
    {
        var s = EstateExportOptions.Section;
        var errors = new List<string>();
        if (o.MaxConcurrent is < 1 or > 1000)
            errors.Add($"{s}:MaxConcurrent must be between 1 and 1000 (is {o.MaxConcurrent}).");
        if (o.RetryAfterSeconds is < 1 or > 3600)
            errors.Add($"{s}:RetryAfterSeconds must be between 1 and 3600 (is {o.RetryAfterSeconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
