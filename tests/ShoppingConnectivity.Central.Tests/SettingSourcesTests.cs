using Microsoft.Extensions.Configuration;

namespace ShoppingConnectivity.Central.Tests;

public sealed class SettingSourcesTests : IDisposable
{
    private const string Key = "Central:Alerts:Smtp:Password";
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("sc-settings-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void ReadSecret_FromEnvironmentVariable_Accepted()
    {
        var configuration = Build(json: "{}", environment: new() { [Key] = "from-env" });

        Assert.Equal("from-env", SettingSources.ReadSecret(configuration, Key));
        Assert.Empty(SettingSources.SecretErrors(configuration, Key));
        Assert.Equal("environment variable Central__Alerts__Smtp__Password", SettingSources.Describe(configuration, Key));
    }

    [Fact]
    public void ReadSecret_FromFile_TrimmedContent()
    {
        var file = Path.Combine(_directory.FullName, "password");
        File.WriteAllText(file, "from-file\n");
        var configuration = Build(json: $$"""{ "Central": { "Alerts": { "Smtp": { "PasswordFile": "{{file}}" } } } }""");

        Assert.Equal("from-file", SettingSources.ReadSecret(configuration, Key));
        Assert.Empty(SettingSources.SecretErrors(configuration, Key));
        Assert.Equal($"file {file} (settings file appsettings.test.json)", SettingSources.DescribeSecret(configuration, Key));
    }

    [Fact]
    public void ReadSecret_WrittenInSettingsFile_RefusedNamingTheKeyAndTheWayOut()
    {
        var configuration = Build(json: """{ "Central": { "Alerts": { "Smtp": { "Password": "in-git" } } } }""");

        Assert.Null(SettingSources.ReadSecret(configuration, Key));
        var error = Assert.Single(SettingSources.SecretErrors(configuration, Key));
        Assert.Contains(Key, error);
        Assert.Contains("appsettings.test.json", error);
        Assert.Contains("Central__Alerts__Smtp__Password", error);
        Assert.Contains("PasswordFile", error);
    }

    [Fact]
    public void SecretErrors_MissingOrEmptyFile_NamesTheFileKey()
    {
        var empty = Path.Combine(_directory.FullName, "empty");
        File.WriteAllText(empty, " \n");
        var missing = Build(environment: new() { [Key + "File"] = Path.Combine(_directory.FullName, "nope") });
        var blank = Build(environment: new() { [Key + "File"] = empty });

        Assert.Contains("Central:Alerts:Smtp:PasswordFile: file", Assert.Single(SettingSources.SecretErrors(missing, Key)));
        Assert.Contains("is empty", Assert.Single(SettingSources.SecretErrors(blank, Key)));
        Assert.Null(SettingSources.ReadSecret(missing, Key));
    }

    [Fact]
    public void SecretErrors_BothValueAndFile_AskToKeepOne()
    {
        var file = Path.Combine(_directory.FullName, "password");
        File.WriteAllText(file, "x");
        var configuration = Build(environment: new() { [Key] = "from-env", [Key + "File"] = file });

        Assert.Contains("both set", Assert.Single(SettingSources.SecretErrors(configuration, Key)));
    }

    [Fact]
    public void Describe_LaterSourceWins_AsTheValueIsRead()
    {
        var configuration = Build(json: """{ "Central": { "Alerts": { "Smtp": { "Host": "json" } } } }""",
            environment: new() { ["Central:Alerts:Smtp:Host"] = "env" });

        Assert.Equal("environment variable Central__Alerts__Smtp__Host", SettingSources.Describe(configuration, "Central:Alerts:Smtp:Host"));
        Assert.Null(SettingSources.Describe(configuration, "Central:Alerts:Smtp:Port"));
    }

    /// <summary>A settings file, then real environment variables (set for this process under a unique prefix).</summary>
    private IConfigurationRoot Build(string json = "{}", Dictionary<string, string>? environment = null)
    {
        File.WriteAllText(Path.Combine(_directory.FullName, "appsettings.test.json"), json);
        var builder = new ConfigurationBuilder().SetBasePath(_directory.FullName).AddJsonFile("appsettings.test.json");
        var prefix = "SCTEST" + Guid.NewGuid().ToString("N")[..8] + "_";
        foreach (var (key, value) in environment ?? []) Environment.SetEnvironmentVariable(prefix + SettingSources.EnvironmentVariable(key), value);
        return builder.AddEnvironmentVariables(prefix).Build();
    }
}
