using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Metrics;

/// <summary>Lists every invalid metrics setting with its configuration key.</summary>
public sealed class MetricsOptionsValidator(IConfiguration configuration) : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var s = MetricsOptions.Section;
        var errors = new List<string>(SettingSources.SecretErrors(configuration, $"{s}:{nameof(MetricsOptions.ScrapeToken)}"));
        if (options.ScrapeToken is { Length: > 0 and < 16 } && errors.Count == 0)
            errors.Add($"{s}:ScrapeToken is too short: use at least 16 characters (e.g. openssl rand -hex 32).");
        if (options.MaxLinkSeries is < 1 or > 100_000)
            errors.Add($"{s}:MaxLinkSeries must be between 1 and 100000 (is {options.MaxLinkSeries}).");
        if (options.RefreshSeconds is < 1 or > 3600)
            errors.Add($"{s}:RefreshSeconds must be between 1 and 3600 (is {options.RefreshSeconds}).");
        if (options.Enabled && options.AllowAnonymous && !string.IsNullOrEmpty(options.ScrapeToken))
            errors.Add($"{s}:AllowAnonymous is true and {s}:ScrapeToken is set: choose one.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
