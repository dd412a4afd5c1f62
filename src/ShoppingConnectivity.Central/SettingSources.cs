using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace ShoppingConnectivity.Central;

/// <summary>
/// Where a setting came from, for the pages that show settings read-only, and the rule for secrets: an environment
/// variable (or the command line) or a file named by the "…File" key beside it, never a settings file kept in git.
/// </summary>
public static class SettingSources
{
    /// <summary>The suffix of the key that names a file holding a secret: Password -> PasswordFile.</summary>
    public const string FileSuffix = "File";

    /// <summary>"settings file appsettings.json", "environment variable Central__Alerts__Smtp__Host", "command line"; null when the key is not set.</summary>
    public static string? Describe(IConfiguration configuration, string key)
    {
        var provider = ProviderOf(configuration, key);
        return provider is null ? null : Name(provider, key);
    }

    /// <summary>The environment variable a key is read from (':' becomes "__", as .NET reads it on every platform).</summary>
    public static string EnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>
    /// The secret at <paramref name="key"/>: its value when an environment variable or the command line set it, else
    /// the trimmed content of the file <paramref name="key"/>File names. Null when neither is set or the file cannot
    /// be read (<see cref="SecretErrors"/> says why).
    /// </summary>
    public static string? ReadSecret(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (!string.IsNullOrEmpty(value)) return InSettingsFile(configuration, key) ? null : value;
        var file = configuration[key + FileSuffix];
        if (string.IsNullOrWhiteSpace(file)) return null;
        try
        {
            var content = File.ReadAllText(file).Trim();
            return content.Length == 0 ? null : content;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What is wrong with how the secret at <paramref name="key"/> is given, each error naming its key.</summary>
    public static IReadOnlyList<string> SecretErrors(IConfiguration configuration, string key)
    {
        var errors = new List<string>();
        var value = configuration[key];
        var fileKey = key + FileSuffix;
        var file = configuration[fileKey];
        if (!string.IsNullOrEmpty(value) && !string.IsNullOrWhiteSpace(file))
            errors.Add($"{key} and {fileKey} are both set: keep one.");
        if (!string.IsNullOrEmpty(value) && InSettingsFile(configuration, key))
            errors.Add($"{key} is a secret and is written in {Describe(configuration, key)}: set the environment variable {EnvironmentVariable(key)} or {fileKey} (a file holding it) instead, and remove it from the file.");
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file)) errors.Add($"{fileKey}: file '{file}' not found.");
            else
            {
                try
                {
                    if (File.ReadAllText(file).Trim().Length == 0) errors.Add($"{fileKey}: file '{file}' is empty.");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"{fileKey}: file '{file}' cannot be read ({ex.Message}).");
                }
            }
        }

        return errors;
    }

    /// <summary>Where the secret at <paramref name="key"/> comes from, never the secret: "environment variable …" or "file /run/secrets/smtp".</summary>
    public static string? DescribeSecret(IConfiguration configuration, string key)
    {
        if (!string.IsNullOrEmpty(configuration[key])) return Describe(configuration, key);
        var file = configuration[key + FileSuffix];
        return string.IsNullOrWhiteSpace(file) ? null : $"file {file} ({Describe(configuration, key + FileSuffix)})";
    }

    /// <summary>
    /// Whether a settings file (appsettings*.json, or any other file source) gave the key. User secrets (a developer's
    /// own secrets.json outside the repository) do not count.
    /// </summary>
    public static bool InSettingsFile(IConfiguration configuration, string key) =>
        ProviderOf(configuration, key) is FileConfigurationProvider file && !IsUserSecrets(file);

    private static IConfigurationProvider? ProviderOf(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root) return null;
        // Later providers win, as when the value is read.
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider.TryGet(key, out var value) && value is not null) return provider;
        }

        return null;
    }

    private static string Name(IConfigurationProvider provider, string key) => provider switch
    {
        JsonConfigurationProvider json when IsUserSecrets(json) => "user secrets",
        FileConfigurationProvider file => $"settings file {file.Source.Path}",
        EnvironmentVariablesConfigurationProvider => $"environment variable {EnvironmentVariable(key)}",
        CommandLineConfigurationProvider => "command line",
        _ => "settings",
    };

    private static bool IsUserSecrets(FileConfigurationProvider provider) =>
        string.Equals(provider.Source.Path, "secrets.json", StringComparison.Ordinal);
}
