using Bunit;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class SmtpSettingsPageTests : IAsyncLifetime
{
    private const string Password = "Pa55-word-never-shown";
    private readonly PageHost _host = new();

    private IRenderedComponent<SmtpSettingsPage> Render() => _host.Context.Render<SmtpSettingsPage>();

    private static void Fill(IRenderedComponent<SmtpSettingsPage> page, string field, string value) =>
        page.ChangeOn($".smtp-{field} input", value);

    [Fact]
    public async Task Page_Save_StoresTheSettingsAndNeverShowsThePasswordBack()
    {
        var page = Render();
        Assert.NotNull(page.WaitForElement(".smtp-not-set"));
        Fill(page, "host", "smtp.contoso.example");
        Fill(page, "port", "2525");
        Fill(page, "from", "alerts@contoso.example");
        Fill(page, "user", "alerts");
        Fill(page, "password", Password);

        page.ClickOn("button.smtp-save");

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".smtp-saved")));
        Assert.Equal(new SmtpSettings("smtp.contoso.example", 2525, SmtpSecurity.None, "alerts", true, "alerts@contoso.example"),
            await _host.Get<SmtpSettingsStore>().GetAsync());
        Assert.DoesNotContain(Password, page.Markup, StringComparison.Ordinal);
        var again = Render();
        again.WaitForAssertion(() => Assert.Equal("smtp.contoso.example", again.Find(".smtp-host input").GetAttribute("value")));
        Assert.DoesNotContain(Password, again.Markup, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(again.Find(".smtp-password input").GetAttribute("value")));
        Assert.Contains("A password is stored. Leave empty to keep it.", again.Markup);
    }

    [Fact]
    public async Task Page_SaveInvalid_ListsTheProblemsByFieldAndStoresNothing()
    {
        var page = Render();
        Fill(page, "from", "alerts");
        Fill(page, "password", "pw");

        page.ClickOn("button.smtp-save");

        page.WaitForAssertion(() => Assert.Contains("host: the SMTP server's name or address is required.", page.Find(".smtp-errors").TextContent));
        Assert.Contains("user: a password needs a user name to log in with.", page.Find(".smtp-errors").TextContent);
        Assert.Contains("from: 'alerts' is not an email address.", page.Find(".smtp-errors").TextContent);
        Assert.Null(await _host.Get<SmtpSettingsStore>().GetAsync());
    }

    [Fact]
    public async Task Page_SendTestEmail_ReportsTheServersAnswer()
    {
        using var smtp = SmtpServer.Start();
        var page = Render();
        page.WaitForAssertion(() => Assert.Equal("ops@contoso.example", page.Find(".smtp-test-to input").GetAttribute("value")));
        Fill(page, "host", "127.0.0.1");
        Fill(page, "port", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Fill(page, "from", "alerts@contoso.example");

        page.ClickOn("button.smtp-test");

        page.WaitForAssertion(() => Assert.Equal("Sent. The server answered: OK", page.Find(".smtp-test-result").TextContent.Trim()), TimeSpan.FromSeconds(20));
        var message = Assert.Single(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal("ops@contoso.example", Assert.Single(message.To.Mailboxes).Address);

        smtp.Stop();
        page.ClickOn("button.smtp-test");

        page.WaitForAssertion(() => Assert.StartsWith("Not sent: cannot connect", page.Find(".smtp-test-result").TextContent.Trim()), TimeSpan.FromSeconds(20));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
