using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>Lists every invalid channel setting with its key: a bad kind or URL, a missing or unreadable secret file, a secret in a settings file.</summary>
public sealed class ChannelOptionsValidator(IConfiguration configuration, FlowCatalogue catalogue) : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var (_, errors) = ChannelSettings.Resolve(configuration, options, catalogue);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
