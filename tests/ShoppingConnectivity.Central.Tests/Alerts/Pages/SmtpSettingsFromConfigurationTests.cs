using System.Globalization;
using Bunit;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

/// <summary>The SMTP server and recipients set as configuration (an install kept in git): shown read-only with their sources, and used.</summary>
public sealed class SmtpSettingsFromConfigurationTests : IAsyncLifetime
{
    private const string Password = "smtp-password-from-a-file";
    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly string _passwordFile = Path.Combine(Path.GetTempPath(), $"sc-smtp-password-{Guid.NewGuid():N}");
    private PageHost _host = null!;

    public Task InitializeAsync()
    {
        File.WriteAllText(_passwordFile, Password + "\n");
        _host = new PageHost(new Dictionary<string, string?>
        {
            ["Central:Alerts:Smtp:Host"] = "127.0.0.1",
            ["Central:Alerts:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Central:Alerts:Smtp:FromAddress"] = "alerts@contoso.example",
            ["Central:Alerts:Smtp:UserName"] = "alerts",
            ["Central:Alerts:Smtp:PasswordFile"] = _passwordFile,
            ["Central:Alerts:Recipients:Flows:website-shoppingdb-sql:0"] = "dba@contoso.example",
        });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Page_SmtpFromSettings_ReadOnlyWithSourcesAndNoSave()
    {
        var page = _host.Context.Render<SmtpSettingsPage>();

        page.WaitForElement(".smtp-from-settings");
        Assert.Equal("127.0.0.1", page.Find(".smtp-host input").GetAttribute("value"));
        Assert.True(page.Find(".smtp-host input").HasAttribute("readonly"));
        Assert.Empty(page.FindAll("button.smtp-save"));
        Assert.Empty(page.FindAll(".smtp-password input"));
        Assert.Contains("Password: set", page.Find(".smtp-password-configured").TextContent);
        var sources = page.FindAll(".smtp-source").Select(r => r.TextContent).ToList();
        Assert.Contains(sources, s => s.Contains("Central:Alerts:Smtp:Host", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Contains("Central:Alerts:Smtp:Password", StringComparison.Ordinal) && s.Contains($"file {_passwordFile}", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, page.Markup, StringComparison.Ordinal);
        var recipients = page.FindAll(".smtp-recipient").Select(r => r.TextContent).ToList();
        Assert.Contains(recipients, r => r.Contains("ops@contoso.example", StringComparison.Ordinal));
        Assert.Contains(recipients, r => r.Contains("Flow website-shoppingdb-sql", StringComparison.Ordinal) && r.Contains("dba@contoso.example", StringComparison.Ordinal));
        Assert.NotNull(await _host.Get<SmtpSettingsStore>().ConnectionAsync());
    }

    [Fact]
    public async Task Store_SmtpFromSettings_RefusesSaveAndLeavesTheDatabaseAlone()
    {
        var store = _host.Get<SmtpSettingsStore>();

        var errors = await store.SaveAsync(new SmtpSettingsInput("smtp.other.example", 25, SmtpSecurity.None, null, null, false, "x@contoso.example"));

        Assert.Contains("Central:Alerts:Smtp", Assert.Single(errors));
        Assert.Equal(new SmtpSettings("127.0.0.1", _smtp.Port, SmtpSecurity.None, "alerts", true, "alerts@contoso.example"), await store.GetAsync());
        var connection = await store.ConnectionAsync();
        Assert.Equal(Password, connection!.Password);
    }

    [Fact]
    public async Task Page_SendTestWithSettings_GoesThroughTheConfiguredServer()
    {
        // The test server offers no login, and a configured user with no login offered holds the mail: no user here.
        await using var host = new PageHost(new Dictionary<string, string?>
        {
            ["Central:Alerts:Smtp:Host"] = "127.0.0.1",
            ["Central:Alerts:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Central:Alerts:Smtp:FromAddress"] = "alerts@contoso.example",
        });
        var page = host.Context.Render<SmtpSettingsPage>();
        page.WaitForAssertion(() => Assert.Equal("ops@contoso.example", page.Find(".smtp-test-to input").GetAttribute("value")));

        page.ClickOn("button.smtp-test");

        page.WaitForAssertion(() => Assert.Equal("Sent. The server answered: OK", page.Find(".smtp-test-result").TextContent.Trim()), TimeSpan.FromSeconds(20));
        var message = Assert.Single(await _smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("alerts@contoso.example", Assert.Single(message.From.Mailboxes).Address);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _smtp.Dispose();
        File.Delete(_passwordFile);
    }
}
