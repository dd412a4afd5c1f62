using Bunit;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

/// <summary>Mail that needs a person shows on the alerts and SMTP pages, with "send again" (issue 18, point 8).</summary>
public sealed class AlertsPageFailedMailTests : IAsyncLifetime
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";
    private readonly PageHost _host = new();

    /// <summary>The edge breaks and its mail is queued, then stored as <paramref name="status"/> (as a delivery or an earlier configuration left it).</summary>
    private async Task<long> FailedMailAsync(string status, string error)
    {
        var now = DateTimeOffset.UtcNow;
        _host.Get<LinkStreaks>().Set("web01", Probe, Flow, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-3), now.AddMinutes(-1), now));
        _host.Get<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.TimedOut, now.AddMinutes(-3), now, null, "no answer in 3000 ms", 60)]);
        await _host.Get<AlertEvaluator>().EvaluateAsync();
        await using var db = await _host.Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        var message = await db.AlertMessages.SingleAsync();
        message.Status = status;
        message.LastError = error;
        if (status == AlertMessageRecord.NoRecipients) message.Recipients = "";
        await db.SaveChangesAsync();
        return message.Id;
    }

    private async Task<AlertMessageRecord> MessageAsync(long id)
    {
        await using var db = await _host.Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await db.AlertMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task AlertsPage_MailWithoutRecipients_BannerAndRowMarkerThenSendAgainQueuesItToTodaysRecipients()
    {
        var id = await FailedMailAsync(AlertMessageRecord.NoRecipients, "no recipients: set Central:Alerts:Recipients:Default (or per flow or role).");
        _host.Auth.SetAuthorized("ops.jane");
        _host.Auth.SetRoles(CentralRoles.Operator);

        var page = _host.Context.Render<AlertsPage>();

        var banner = page.WaitForElement(".alerts-undelivered");
        Assert.Contains("1 alert mail(s) not sent and not retried: no recipients", banner.TextContent);
        Assert.Contains("Set the recipients (Central:Alerts:Recipients)", banner.TextContent);
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".alerts-delivery-failed")));
        Assert.Equal("NoRecipients", page.Find(".alerts-delivery").GetAttribute("data-status"));

        page.Find("button.alerts-resend").Click();

        page.WaitForAssertion(() => Assert.Equal("1 mail(s) queued again: they go out at the next delivery.", page.Find(".alerts-resent").TextContent.Trim()));
        Assert.Empty(page.FindAll(".alerts-undelivered"));
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".alerts-delivery-failed")));
        var message = await MessageAsync(id);
        Assert.Equal((AlertMessageRecord.Pending, "ops@contoso.example", (string?)null), (message.Status, message.Recipients, message.LastError));
        var audit = Assert.Single(await _host.Get<IAuditLog>().ListAsync(SendAgain.AuditAction));
        Assert.Equal(("ops.jane", $"mail {id}"), (audit.Actor, audit.Target));
    }

    [Fact]
    public async Task AlertsPage_Viewer_SeesTheBannerButCannotSendAgain()
    {
        await FailedMailAsync(AlertMessageRecord.Held, "login refused: 535: 5.7.8 Authentication credentials invalid");
        _host.Auth.SetAuthorized("viewer.vic");
        _host.Auth.SetRoles(CentralRoles.Viewer);

        var page = _host.Context.Render<AlertsPage>();

        var banner = page.WaitForElement(".alerts-undelivered");
        Assert.Contains("login refused: 535", banner.TextContent);
        Assert.Contains("Fix the login in Settings, SMTP", banner.TextContent);
        Assert.Empty(page.FindAll("button.alerts-resend"));
    }

    [Fact]
    public async Task SmtpPage_UndeliveredMail_ListedAndHeldOnesSentAgain()
    {
        var id = await FailedMailAsync(AlertMessageRecord.Held, "login refused: 535: 5.7.8 Authentication credentials invalid");

        var page = _host.Context.Render<SmtpSettingsPage>();

        var row = page.WaitForElement(".smtp-undelivered-mail");
        Assert.Equal(("Held", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (row.GetAttribute("data-status"), row.GetAttribute("data-message")));
        Assert.Contains("Held: needs the SMTP login fixed", row.TextContent);
        Assert.Contains("login refused: 535", row.TextContent);
        Assert.Contains("ops@contoso.example", row.TextContent);

        page.Find("button.smtp-resend").Click();

        page.WaitForAssertion(() => Assert.Equal("Pending", page.Find(".smtp-undelivered-mail").GetAttribute("data-status")));
        Assert.Contains("Waiting for the server", page.Find(".smtp-undelivered-mail").TextContent);
        Assert.Empty(page.FindAll("button.smtp-resend"));
        Assert.Equal(AlertMessageRecord.Pending, (await MessageAsync(id)).Status);
        Assert.Single(await _host.Get<IAuditLog>().ListAsync(SendAgain.AuditAction));
    }

    [Fact]
    public void SmtpPage_NothingUndelivered_SaysSo()
    {
        var page = _host.Context.Render<SmtpSettingsPage>();

        Assert.NotNull(page.WaitForElement(".smtp-undelivered-none"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
