using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Lists every invalid SMTP setting with its configuration key, as the page would name its fields.</summary>
public sealed class SmtpOptionsValidator(IConfiguration configuration) : IValidateOptions<SmtpOptions>
{
    /// <summary>The page's field names (SmtpSettingsInput.Validate) and the keys they come from here.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["host"] = nameof(SmtpOptions.Host),
        ["port"] = nameof(SmtpOptions.Port),
        ["from"] = nameof(SmtpOptions.FromAddress),
        ["user"] = nameof(SmtpOptions.UserName),
    };

    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var s = SmtpOptions.Section;
        var errors = new List<string>(SettingSources.SecretErrors(configuration, $"{s}:{nameof(SmtpOptions.Password)}"));
        if (!options.IsSet)
        {
            var others = configuration.GetSection(s).GetChildren().Where(c => c.Value is { Length: > 0 }).Select(c => $"{s}:{c.Key}").ToList();
            if (others.Count > 0) errors.Add($"{s}:Host is required when other SMTP settings are set ({string.Join(", ", others)}).");
        }
        else
        {
            foreach (var error in options.ToInput().Validate())
            {
                var colon = error.IndexOf(':', StringComparison.Ordinal);
                var key = colon > 0 && Fields.TryGetValue(error[..colon], out var field) ? field : null;
                errors.Add(key is null ? $"{s}: {error}" : $"{s}:{key}{error[colon..]}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
