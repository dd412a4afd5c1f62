using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Alerts;

public sealed class SmtpOptionsValidatorTests
{
    [Fact]
    public void Validate_BadValues_EachNamedByItsKey()
    {
        var configuration = new ConfigurationBuilder().Build();

        var result = new SmtpOptionsValidator(configuration).Validate(null,
            new SmtpOptions { Host = "not a host!", Port = 0, FromAddress = "alerts", Password = "pw" });

        Assert.True(result.Failed);
        Assert.Contains("Central:Alerts:Smtp:Host: 'not a host!' is not a host name or address.", result.Failures!);
        Assert.Contains("Central:Alerts:Smtp:Port: must be between 1 and 65535 (is 0).", result.Failures!);
        Assert.Contains("Central:Alerts:Smtp:FromAddress: 'alerts' is not an email address.", result.Failures!);
        Assert.Contains("Central:Alerts:Smtp:UserName: a password needs a user name to log in with.", result.Failures!);
    }

    [Fact]
    public void Validate_SettingsWithoutHost_AsksForTheHost()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Central:Alerts:Smtp:FromAddress"] = "alerts@contoso.example",
        }).Build();

        var result = new SmtpOptionsValidator(configuration).Validate(null, new SmtpOptions { FromAddress = "alerts@contoso.example" });

        Assert.Contains("Central:Alerts:Smtp:Host is required when other SMTP settings are set (Central:Alerts:Smtp:FromAddress).", result.Failures!);
    }

    [Fact]
    public void Validate_NothingSet_TheUiDecides()
    {
        Assert.True(new SmtpOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, new SmtpOptions()).Succeeded);
    }

    [Fact]
    public void Start_PasswordFileMissing_FailsNamingTheKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Alerts:Smtp:Host"] = "smtp.contoso.example",
            ["Central:Alerts:Smtp:FromAddress"] = "alerts@contoso.example",
            ["Central:Alerts:Smtp:UserName"] = "alerts",
            ["Central:Alerts:Smtp:PasswordFile"] = "/nonexistent/smtp-password",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Alerts:Smtp:PasswordFile: file '/nonexistent/smtp-password' not found.", error.Message);
    }

    [Fact]
    public void Start_PasswordInSettingsFile_FailsNamingTheKeyAndTheWayOut()
    {
        var directory = Directory.CreateTempSubdirectory("sc-smtp-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "appsettings.json"),
                """{ "Central": { "Alerts": { "Smtp": { "Host": "smtp.contoso.example", "UserName": "alerts", "Password": "in-git", "FromAddress": "a@contoso.example" } } } }""");
            var configuration = new ConfigurationBuilder().SetBasePath(directory.FullName).AddJsonFile("appsettings.json").Build();
            var options = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>()!;

            var result = new SmtpOptionsValidator(configuration).Validate(null, options);

            Assert.Contains(result.Failures!, f => f.StartsWith("Central:Alerts:Smtp:Password is a secret and is written in settings file appsettings.json", StringComparison.Ordinal)
                                                    && f.Contains("Central__Alerts__Smtp__Password", StringComparison.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
