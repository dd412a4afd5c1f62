using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using MimeKit;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.EndToEnd.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests;

/// <summary>
/// The links of an alert mail, followed in Debian's chromium: a real central whose alert mail reaches a real SMTP
/// server (python3-aiosmtpd), its "Open the edge" link opening that edge's links panel and its "Acknowledge" link
/// the alert's page, where the alert is acknowledged.
/// </summary>
public sealed partial class AlertLinksBrowserTests : IDisposable
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string _maildir = Path.Combine(Path.GetTempPath(), "sc-e2e-links", Guid.NewGuid().ToString("N"), "maildir");
    private readonly int _smtpPort = LoopbackPorts.Free();
    private TestProcess? _smtp;

    [Fact]
    public async Task AlertMail_LinksFollowedInTheBrowser_OpenTheEdgeThenAcknowledgeTheAlert()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"{DashboardBrowserTests.ChromiumPath} is missing: install Debian's chromium (tests/run-all.sh does).");
        // The handler makes the maildir itself, in a folder that must exist.
        Directory.CreateDirectory(Path.GetDirectoryName(_maildir)!);
        _smtp = TestProcess.Start("aiosmtpd", Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{_smtpPort}", "-c", "aiosmtpd.handlers.Mailbox", _maildir]);
        _smtp.WaitUntil(() => LoopbackPorts.Accepts(_smtpPort), $"listening on {_smtpPort}", TimeSpan.FromSeconds(15));
        // Long probe intervals: the posted results stay fresh for the whole test.
        using var central = await Central.StartAsync("""
            { "name": "Links lab", "hosts": [ { "name": "web01", "roles": ["Website"] }, { "name": "sql01", "roles": ["ShoppingDb"] } ] }
            """, probeIntervalSeconds: 600, settings: new Dictionary<string, string>
        {
            ["Central__Alerts__GroupingSeconds"] = "0",
            ["Central__Alerts__EvaluateSeconds"] = "1",
            ["Central__Alerts__DeliverySeconds"] = "1",
            ["Central__Alerts__Recipients__Default__0"] = "ops@lab.example",
        });
        // The SMTP server as the settings page would save it (no login, so no password to protect).
        await ExecuteAsync(central.DatabasePath,
            $"INSERT INTO SmtpSettings (Id, Host, Port, Security, FromAddress, UpdatedAt) VALUES (1, '127.0.0.1', {_smtpPort}, 'None', 'alerts@lab.example', 0)");

        // Three timeouts in a row break the link (BrokenAfter 3): the edge alert opens and its mail goes out.
        var fleet = new AgentFleet(central);
        await fleet.EnrolAsync(["web01"]);
        var now = DateTimeOffset.UtcNow;
        for (var i = 2; i >= 0; i--)
            (await fleet.ReportAsync("web01", p => p.FlowId == Flow ? ProbeOutcome.TimedOut : ProbeOutcome.Reachable, now.AddSeconds(-i))).Dispose();
        var mail = await MailAsync();
        var edgeLink = Href(mail.HtmlBody, "Open the edge");
        var acknowledgeLink = Href(mail.HtmlBody, "Acknowledge");
        Assert.Equal($"{central.Url}/?edge={Flow}", edgeLink);
        Assert.Matches($"^{Regex.Escape(central.Url)}/alerts/[0-9]+$", acknowledgeLink);
        Assert.Contains($"Acknowledge: {acknowledgeLink}", mail.TextBody);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(DashboardBrowserTests.LaunchOptions);
        var page = await central.NewSignedInPageAsync(browser, new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });

        await page.GotoAsync(edgeLink);
        var panel = page.Locator($"aside.drilldown[data-flow='{Flow}']");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.Locator(".drilldown-links tbody tr .link-outcome")).ToContainTextAsync("TimedOut");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await DashboardBrowserTests.SaveScreenshotAsync(page, "alert-mail-edge-link.png");
        // Closing takes the edge out of the URL; the browser's back button opens it again.
        await panel.Locator(".drilldown-close").ClickAsync();
        await Assertions.Expect(panel).ToHaveCountAsync(0);
        Assert.Equal($"{central.Url}/", page.Url);
        await page.GoBackAsync();
        await Assertions.Expect(panel).ToBeVisibleAsync();
        Assert.Equal(edgeLink, page.Url);

        await page.GotoAsync(acknowledgeLink);
        await BrowserSession.WaitForCircuitAsync(page);
        await Assertions.Expect(page.Locator("#alert-title")).ToContainTextAsync("Shopping Website \u2192 Shopping DB (SQL Server) TCP 1433");
        await Assertions.Expect(page.Locator(".alert-link")).ToHaveTextAsync("web01 \u2192 sql01:1433");
        await Assertions.Expect(page.Locator(".alert-mail[data-kind='Broken']")).ToHaveAttributeAsync("data-status", "Sent");
        await page.Locator(".alert-ack-note input").FillAsync("looking at the SQL firewall");
        await page.Locator("button.alert-ack").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-acknowledged")).ToContainTextAsync($"Acknowledged by {Central.AdminUser}");
        await Assertions.Expect(page.Locator(".alert-acknowledged")).ToContainTextAsync("looking at the SQL firewall");
        await Assertions.Expect(page.Locator("button.alert-ack")).ToHaveCountAsync(0);
        await DashboardBrowserTests.SaveScreenshotAsync(page, "alert-page-acknowledged.png");
    }

    /// <summary>The href of the mail's link whose text is <paramref name="text"/>.</summary>
    private static string Href(string? html, string text)
    {
        html ??= "";
        var link = Links().Matches(html).FirstOrDefault(m => WebUtility.HtmlDecode(m.Groups["text"].Value) == text);
        Assert.True(link is not null, $"no '{text}' link in the mail:\n{html}");
        return WebUtility.HtmlDecode(link.Groups["href"].Value);
    }

    [GeneratedRegex("<a href=\"(?<href>[^\"]+)\">(?<text>[^<]+)</a>")]
    private static partial Regex Links();

    private async Task<MimeMessage> MailAsync()
    {
        var folder = Path.Combine(_maildir, "new");
        MimeMessage? mail = null;
        await Eventually.AssertAsync(() =>
        {
            mail = Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => MimeMessage.Load(f)).FirstOrDefault() : null;
            return Task.FromResult(mail is not null);
        }, Patience, () => $"no alert mail.\nSMTP server:\n{_smtp?.Output}");
        return mail!;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        _smtp?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_maildir)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
