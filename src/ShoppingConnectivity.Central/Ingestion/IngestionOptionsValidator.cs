using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Ingestion;

public sealed class IngestionOptionsValidator : IValidateOptions<IngestionOptions>
{
    public ValidateOptionsResult Validate(string? name, IngestionOptions o)
    {
        var s = IngestionOptions.Section;
        var errors = new List<string>();
        if (o.MaxQueuedResults is < 1 or > 10_000_000)
            errors.Add($"{s}:MaxQueuedResults must be between 1 and 10000000 (is {o.MaxQueuedResults}).");
        if (o.MaxGroupResults is < 1 or > 1_000_000)
            errors.Add($"{s}:MaxGroupResults must be between 1 and 1000000 (is {o.MaxGroupResults}).");
        if (o.MaxGroupWaitMilliseconds is < 0 or > 1000)
            errors.Add($"{s}:MaxGroupWaitMilliseconds must be between 0 and 1000 (is {o.MaxGroupWaitMilliseconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
