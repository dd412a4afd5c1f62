using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Lists every invalid alert setting with its configuration key.</summary>
public sealed class AlertOptionsValidator(FlowCatalogue catalogue) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var s = AlertOptions.Section;
        // The Core settings name their own keys under the same section (Central:Alerts:BrokenAfter ...).
        var errors = new List<string>(options.ToSettings(AlertSettings.Default.ClientBrokenShare).Validate(catalogue, s));
        if (options.EvaluateSeconds is < 1 or > 3600)
            errors.Add($"{s}:EvaluateSeconds must be between 1 and 3600 (is {options.EvaluateSeconds}).");
        if (options.DeliverySeconds is < 1 or > 3600)
            errors.Add($"{s}:DeliverySeconds must be between 1 and 3600 (is {options.DeliverySeconds}).");
        if (options.RetryFirstSeconds is < 1 or > 86_400)
            errors.Add($"{s}:RetryFirstSeconds must be between 1 and 86400 (is {options.RetryFirstSeconds}).");
        if (options.RetryMaxSeconds < options.RetryFirstSeconds || options.RetryMaxSeconds > 86_400)
            errors.Add($"{s}:RetryMaxSeconds must be between {s}:RetryFirstSeconds ({options.RetryFirstSeconds}) and 86400 (is {options.RetryMaxSeconds}).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
