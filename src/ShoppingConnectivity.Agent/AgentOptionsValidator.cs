using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Agent;

/// <summary>Lists every invalid setting with its configuration key.</summary>
public sealed class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var s = AgentOptions.Section;
        var errors = new List<string>();
        if (!Uri.TryCreate(options.CentralUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{s}:CentralUrl must be an absolute http(s) URL (is '{options.CentralUrl}').");
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            errors.Add($"{s}:DataDirectory is required.");
        if (options.PushIntervalSeconds is < 1 or > 3600)
            errors.Add($"{s}:PushIntervalSeconds must be between 1 and 3600 (is {options.PushIntervalSeconds}).");
        if (options.PlanRefreshSeconds is < 1 or > 86_400)
            errors.Add($"{s}:PlanRefreshSeconds must be between 1 and 86400 (is {options.PlanRefreshSeconds}).");
        if (options.MaxBatchSize is < 1 or > 5000)
            errors.Add($"{s}:MaxBatchSize must be between 1 and 5000 (is {options.MaxBatchSize}).");
        var catalogue = ShoppingConnectivity.Core.Catalogue.FlowCatalogue.Default;
        for (var i = 0; i < options.Roles.Count; i++)
        {
            if (catalogue.FindRole(options.Roles[i]) is null)
                errors.Add($"{s}:Roles:{i}: unknown role '{options.Roles[i]}' (known: {string.Join(", ", catalogue.Roles.Select(r => r.Id))}).");
        }

        if (options.OutboxMaxMegabytes is < 1 or > 1_048_576)
            errors.Add($"{s}:OutboxMaxMegabytes must be between 1 and 1048576 (is {options.OutboxMaxMegabytes}).");
        if (options.MaxConcurrentProbes is < 1 or > 256)
            errors.Add($"{s}:MaxConcurrentProbes must be between 1 and 256 (is {options.MaxConcurrentProbes}).");
        if (options.CertificateWarningDays is < 0 or > 3650)
            errors.Add($"{s}:CertificateWarningDays must be between 0 and 3650 (is {options.CertificateWarningDays}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
