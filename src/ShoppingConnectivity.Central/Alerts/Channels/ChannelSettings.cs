using System.Text.RegularExpressions;
using ShoppingConnectivity.Core.Alerts.Channels;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>
/// Reads the channels from the settings: checks each value, reads the secret files, and finds which configuration
/// source gave each secret, so that one written into a settings file (JSON, in the image or the repository) stops the
/// start naming its key.
/// </summary>
public static partial class ChannelSettings
{
    public const string Section = AlertOptions.Section + ":Channels";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex NamePattern();

    /// <summary>The channels with their secrets, and every error naming its key (an invalid channel is left out).</summary>
    public static (IReadOnlyList<AlertChannel> Channels, IReadOnlyList<string> Errors) Resolve(IConfiguration configuration, AlertOptions options, FlowCatalogue catalogue)
    {
        var channels = new List<AlertChannel>();
        var errors = new List<string>();
        foreach (var (name, o) in options.Channels.OrderBy(c => c.Key, StringComparer.OrdinalIgnoreCase))
        {
            var key = $"{Section}:{name}";
            var before = errors.Count;
            if (!NamePattern().IsMatch(name)) errors.Add($"{key}: a channel's name has 1 to 64 letters, digits, '-' or '_'.");
            ChannelKind? kind = Enum.TryParse<ChannelKind>(o.Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) && !int.TryParse(o.Kind, out _) ? k : null;
            if (kind is null) errors.Add($"{key}:Kind must be Webhook, Teams or Slack (is '{o.Kind}').");

            // Teams and Slack URLs carry the webhook's key; a generic webhook's URL usually does not.
            var urlIsSecret = kind is ChannelKind.Teams or ChannelKind.Slack;
            var url = Value(configuration, key, "Url", o.Url, o.UrlFile, urlIsSecret, required: true, errors);
            Uri? uri = null;
            if (url.Value is { } text)
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    errors.Add($"{key}:Url{(o.UrlFile is null ? "" : "File")} must be an absolute http or https URL.");
                    uri = null;
                }
                else if (urlIsSecret && uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
                {
                    // Loopback: a local relay or test receiver; anywhere else plain http would send the key in clear.
                    errors.Add($"{key}:Url must be https: {kind} webhooks are only served over https.");
                    uri = null;
                }
            }

            var secret = Value(configuration, key, "Secret", o.Secret, o.SecretFile, isSecret: true, required: false, errors);
            if (secret.Value is not null && kind is not ChannelKind.Webhook and not null)
                errors.Add($"{key}:Secret is only used by Webhook channels ({kind} webhooks are not signed).");

            foreach (var flow in o.Flows.Where(f => catalogue.FindFlow(f) is null))
                errors.Add($"{key}:Flows: '{flow}' is not a flow of the catalogue.");
            foreach (var role in o.Roles.Where(r => catalogue.FindRole(r) is null))
                errors.Add($"{key}:Roles: '{role}' is not a role of the catalogue.");

            if (errors.Count == before && kind is { } kindOk && uri is not null)
            {
                channels.Add(new AlertChannel(name, kindOk, uri, secret.Value, new ChannelFilter(o.Flows, o.Roles), o.Enabled, url.Source!, secret.Source));
            }
        }

        return (channels, errors);
    }

    /// <summary>The value of key <paramref name="field"/> or of the file <paramref name="field"/>File names, with where it came from.</summary>
    private static (string? Value, string? Source) Value(IConfiguration configuration, string key, string field, string? value, string? file,
        bool isSecret, bool required, List<string> errors)
    {
        var hasValue = !string.IsNullOrWhiteSpace(value);
        var hasFile = !string.IsNullOrWhiteSpace(file);
        if (hasValue && hasFile)
        {
            errors.Add($"{key}: set {field} or {field}File, not both.");
            return (null, null);
        }

        if (hasFile)
        {
            var path = file!.Trim();
            try
            {
                var content = File.ReadAllText(path).Trim();
                if (content.Length == 0)
                {
                    errors.Add($"{key}:{field}File: the file '{path}' is empty.");
                    return (null, null);
                }

                return (content, $"file {path}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add(ex is FileNotFoundException or DirectoryNotFoundException
                    ? $"{key}:{field}File: the file '{path}' does not exist."
                    : $"{key}:{field}File: the file '{path}' cannot be read ({ex.Message}).");
                return (null, null);
            }
        }

        if (!hasValue)
        {
            if (required) errors.Add($"{key}:{field} (or {field}File) is required.");
            else if (value is not null) errors.Add($"{key}:{field} is empty: remove it or give the value.");
            return (null, null);
        }

        if (isSecret && SettingSources.InSettingsFile(configuration, $"{key}:{field}"))
        {
            errors.Add($"{key}:{field} is a secret and must not be written in the {SettingSources.Describe(configuration, $"{key}:{field}")}: set the environment variable "
                + $"{SettingSources.EnvironmentVariable($"{key}:{field}")} or name a file holding it in {key}:{field}File.");
            return (null, null);
        }

        return (value!.Trim(), SettingSources.Describe(configuration, $"{key}:{field}") ?? "settings");
    }
}
