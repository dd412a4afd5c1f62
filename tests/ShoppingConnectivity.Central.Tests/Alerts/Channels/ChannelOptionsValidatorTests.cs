using Microsoft.Extensions.Configuration;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Channels;
using ShoppingConnectivity.Core.Alerts.Channels;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Tests.Alerts.Channels;

/// <summary>The channel settings as central reads them: real settings files and secret files in a temporary folder, real environment variables.</summary>
public sealed class ChannelOptionsValidatorTests : IDisposable
{
    private const string TeamsUrl = "https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=SECRETSIG";
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-channels-").FullName;
    private readonly string _prefix = $"SCT{Guid.NewGuid():N}_";
    private readonly List<string> _variables = [];

    public void Dispose()
    {
        foreach (var name in _variables) Environment.SetEnvironmentVariable(name, null);
        Directory.Delete(_folder, recursive: true);
    }

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private void SetVariable(string key, string value)
    {
        var name = _prefix + key.Replace(":", "__", StringComparison.Ordinal);
        _variables.Add(name);
        Environment.SetEnvironmentVariable(name, value);
    }

    /// <summary>A settings file, then environment variables, then in-memory settings: the order central's host reads them.</summary>
    private (IConfigurationRoot Configuration, AlertOptions Options) Build(string? json = null, IDictionary<string, string?>? memory = null)
    {
        var builder = new ConfigurationBuilder();
        if (json is not null) builder.AddJsonFile(WriteFile("appsettings.json", json));
        builder.AddEnvironmentVariables(_prefix);
        if (memory is not null) builder.AddInMemoryCollection(memory);
        var configuration = builder.Build();
        var options = new AlertOptions();
        configuration.GetSection(AlertOptions.Section).Bind(options);
        return (configuration, options);
    }

    private static (IReadOnlyList<AlertChannel> Channels, IReadOnlyList<string> Errors) Resolve((IConfigurationRoot Configuration, AlertOptions Options) settings) =>
        ChannelSettings.Resolve(settings.Configuration, settings.Options, FlowCatalogue.Default);

    [Fact]
    public void Validate_TeamsUrlInTheSettingsFile_RefusedNamingTheKeyAndTheVariableToUse()
    {
        var settings = Build(json: $$"""{ "Central": { "Alerts": { "Channels": { "ops": { "Kind": "Teams", "Url": "{{TeamsUrl}}" } } } } }""");

        var result = new ChannelOptionsValidator(settings.Configuration, FlowCatalogue.Default).Validate(null, settings.Options);

        Assert.True(result.Failed);
        var error = Assert.Single(result.Failures!);
        Assert.StartsWith("Central:Alerts:Channels:ops:Url is a secret and must not be written in the settings file", error);
        Assert.Contains("Central__Alerts__Channels__ops__Url", error);
        Assert.DoesNotContain("SECRETSIG", error);
    }

    [Fact]
    public void Resolve_TeamsUrlFromAnEnvironmentVariable_AcceptedAndSaysWhereFrom()
    {
        SetVariable("Central:Alerts:Channels:ops:Url", TeamsUrl);
        var settings = Build(json: """{ "Central": { "Alerts": { "Channels": { "ops": { "Kind": "Teams" } } } } }""");

        var (channels, errors) = Resolve(settings);

        Assert.Empty(errors);
        var channel = Assert.Single(channels);
        Assert.Equal((ChannelKind.Teams, TeamsUrl), (channel.Kind, channel.Url.ToString()));
        Assert.Equal("environment variable Central__Alerts__Channels__ops__Url", channel.UrlSource);
        Assert.Equal("https://prod-01.westeurope.logic.azure.com/\u2026", channel.MaskedUrl);
    }

    [Fact]
    public void Resolve_UrlAndSecretFiles_ReadTrimmedWithTheirPaths()
    {
        var url = WriteFile("url", "  http://10.1.2.3:8080/hooks/sc \n");
        var secret = WriteFile("secret", "s3cret\n");
        var settings = Build(memory: new Dictionary<string, string?>
        {
            ["Central:Alerts:Channels:hook:Kind"] = "webhook",
            ["Central:Alerts:Channels:hook:UrlFile"] = url,
            ["Central:Alerts:Channels:hook:SecretFile"] = secret,
            ["Central:Alerts:Channels:hook:Flows:0"] = "website-shoppingdb-sql",
        });

        var (channels, errors) = Resolve(settings);

        Assert.Empty(errors);
        var channel = Assert.Single(channels);
        Assert.Equal(("http://10.1.2.3:8080/hooks/sc", "s3cret"), (channel.Url.ToString(), channel.Secret));
        Assert.Equal(($"file {url}", $"file {secret}"), (channel.UrlSource, channel.SecretSource));
        Assert.True(channel.Unencrypted);
    }

    [Fact]
    public void Resolve_WebhookUrlInTheSettingsFileButSecretToo_UrlAcceptedSecretRefused()
    {
        var settings = Build(json: """{ "Central": { "Alerts": { "Channels": { "hook": { "Kind": "Webhook", "Url": "https://hooks.contoso.example/sc", "Secret": "abc" } } } } }""");

        var (channels, errors) = Resolve(settings);

        Assert.Empty(channels);
        Assert.StartsWith("Central:Alerts:Channels:hook:Secret is a secret and must not be written in the settings file", Assert.Single(errors));
    }

    [Fact]
    public void Resolve_EveryMistake_ListedEachWithItsKey()
    {
        var empty = WriteFile("empty", "  \n");
        var settings = Build(memory: new Dictionary<string, string?>
        {
            ["Central:Alerts:Channels:a:Kind"] = "Email",
            ["Central:Alerts:Channels:a:Url"] = "https://x.example/",
            ["Central:Alerts:Channels:b:Kind"] = "Slack",
            ["Central:Alerts:Channels:b:Url"] = "http://hooks.slack.example/services/T/B/X",
            ["Central:Alerts:Channels:c:Kind"] = "Webhook",
            ["Central:Alerts:Channels:c:UrlFile"] = Path.Combine(_folder, "missing"),
            ["Central:Alerts:Channels:d:Kind"] = "Webhook",
            ["Central:Alerts:Channels:d:UrlFile"] = empty,
            ["Central:Alerts:Channels:e:Kind"] = "Webhook",
            ["Central:Alerts:Channels:e:Url"] = "https://x.example/",
            ["Central:Alerts:Channels:e:UrlFile"] = empty,
            ["Central:Alerts:Channels:f:Kind"] = "Webhook",
            ["Central:Alerts:Channels:f:Url"] = "ftp://x.example/",
            ["Central:Alerts:Channels:f:Flows:0"] = "no-such-flow",
            ["Central:Alerts:Channels:f:Roles:0"] = "NoSuchRole",
            ["Central:Alerts:Channels:g:Kind"] = "Teams",
            ["Central:Alerts:Channels:h h:Kind"] = "Webhook",
            ["Central:Alerts:Channels:h h:Url"] = "https://x.example/",
        });

        var (channels, errors) = Resolve(settings);

        Assert.Empty(channels);
        Assert.Equal(
        [
            "Central:Alerts:Channels:a:Kind must be Webhook, Teams or Slack (is 'Email').",
            "Central:Alerts:Channels:b:Url must be https: Slack webhooks are only served over https.",
            $"Central:Alerts:Channels:c:UrlFile: the file '{Path.Combine(_folder, "missing")}' does not exist.",
            $"Central:Alerts:Channels:d:UrlFile: the file '{empty}' is empty.",
            "Central:Alerts:Channels:e: set Url or UrlFile, not both.",
            "Central:Alerts:Channels:f:Url must be an absolute http or https URL.",
            "Central:Alerts:Channels:f:Flows: 'no-such-flow' is not a flow of the catalogue.",
            "Central:Alerts:Channels:f:Roles: 'NoSuchRole' is not a role of the catalogue.",
            "Central:Alerts:Channels:g:Url (or UrlFile) is required.",
            "Central:Alerts:Channels:h h: a channel's name has 1 to 64 letters, digits, '-' or '_'.",
        ], errors);
    }
}
