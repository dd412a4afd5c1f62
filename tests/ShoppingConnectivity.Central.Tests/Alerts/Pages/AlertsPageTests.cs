using Bunit;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class AlertsPageTests : IAsyncLifetime
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";
    private readonly PageHost _host = new();

    /// <summary>A broken link in the live state, then one evaluation: the alert opens and its mail is queued.</summary>
    private async Task BreakTheSqlEdgeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _host.Get<LinkStreaks>().Set("web01", Probe, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-3), now.AddMinutes(-1), now));
        _host.Get<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.TimedOut, now.AddMinutes(-3), now, null, "no answer in 3000 ms", 60)]);
        await _host.Get<AlertEvaluator>().EvaluateAsync();
    }

    /// <summary>db01's certificate expires in 4 days: its link answers, degraded; one evaluation opens a degraded alert.</summary>
    private async Task DegradeTheSqlEdgeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var detail = $"TLS 1.2, certificate CN=db01 issued by CN=ca, expires {now.AddDays(4).AddHours(1):yyyy-MM-dd HH:mm} UTC (4 days left, within the 14-day warning: renew it soon).";
        _host.Get<LinkStreaks>().Set("web01", Probe, new LinkStreak(LinkHealth.Healthy, 0, 3, null, null, now));
        _host.Get<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.Reachable, now.AddMinutes(-3), now, 2, detail, 60, Degraded: true)]);
        await _host.Get<AlertEvaluator>().EvaluateAsync();
    }

    [Fact]
    public async Task Page_DegradedAlert_ShownAsDegradedInAmberWithItsCauseNotAsBroken()
    {
        await DegradeTheSqlEdgeAsync();

        var page = _host.Context.Render<AlertsPage>();

        var card = page.WaitForElement($".alert-card[data-flow='{Flow}']");
        Assert.Equal(("Open", "Degraded"), (card.GetAttribute("data-state"), card.GetAttribute("data-condition")));
        var state = card.QuerySelector(".alert-state")!;
        Assert.Equal("Degraded", state.TextContent.Trim());
        Assert.Contains("mud-chip-color-warning", state.ClassName);
        Assert.StartsWith("Degraded since ", card.QuerySelector(".alert-since")!.TextContent.Trim());
        Assert.Contains("web01 \u2192 db01:47101 (certificate expires in 4 days)", card.QuerySelector(".alert-summary")!.TextContent);
        Assert.DoesNotContain("Broken", card.QuerySelector(".alert-summary")!.TextContent);
        Assert.Equal("degraded: certificate expires in 4 days (db01:47101 from web01)", card.QuerySelector(".alert-event[data-kind='Opened'] td:last-child")!.TextContent.Trim());
        Assert.StartsWith("Degraded: [Shopping Connectivity] DEGRADED: Shopping Website \u2192 Shopping DB (SQL Server) TCP 47101: certificate expires in 4 days",
            card.QuerySelector(".alert-mail td")!.TextContent.Trim());
    }

    [Fact]
    public async Task Page_ShowsEachAlertWithItsStateChangesRecipientsAndDelivery()
    {
        await BreakTheSqlEdgeAsync();
        // No SMTP server is set: the mail stays queued with the reason.
        await _host.Get<AlertDelivery>().DeliverDueAsync();

        var page = _host.Context.Render<AlertsPage>();

        // The outbox line comes from the same load as the cards: wait for both.
        var outbox = page.WaitForElement(".alerts-outbox");
        var card = page.WaitForElement($".alert-card[data-flow='{Flow}']");
        Assert.Equal("Open", card.GetAttribute("data-state"));
        // db01 listens on 47101 (its own port setting): the alert names the port probed, not the catalogue's 1433.
        Assert.Contains("Shopping Website \u2192 Shopping DB (SQL Server) TCP 47101", card.QuerySelector(".alert-edge")!.TextContent);
        Assert.Equal(["Opened", "NoticeQueued"], card.QuerySelectorAll(".alert-event").Select(e => e.GetAttribute("data-kind")));
        Assert.Contains("web01 \u2192 db01:47101", card.TextContent);
        var mail = card.QuerySelector(".alert-mail")!;
        Assert.Equal("Pending", mail.GetAttribute("data-status"));
        var cells = mail.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.StartsWith("Broken: [Shopping Connectivity] BROKEN:", cells[0]);
        Assert.Equal("ops@contoso.example", cells[1]);
        Assert.StartsWith("Waiting, next try", cells[2]);
        Assert.Equal("1", cells[3]);
        Assert.Equal("no SMTP server is set (Settings, SMTP).", cells[4]);
        Assert.Contains("1 mail(s) waiting in the outbox", outbox.TextContent);
        Assert.Equal($"/?edge={Flow}", card.QuerySelector(".alert-drill-down")!.GetAttribute("href"));
        Assert.Equal($"/alerts/{card.GetAttribute("data-alert")}", card.QuerySelector("a.alert-page")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Page_Acknowledge_RecordsTheSignedInUserAndWhyAndStopsReminders()
    {
        await BreakTheSqlEdgeAsync();
        _host.Auth.SetAuthorized("ops.jane");
        _host.Auth.SetRoles(CentralRoles.Operator);
        var page = _host.Context.Render<AlertsPage>();

        page.WaitForElement(".alert-ack-note input").Change("firewall change CHG-42");
        page.ClickOn("button.alert-ack");

        page.WaitForAssertion(() => Assert.Contains("Acknowledged by ops.jane", page.Find(".alert-acknowledged").TextContent));
        Assert.Contains("firewall change CHG-42", page.Find(".alert-acknowledged").TextContent);
        Assert.Empty(page.FindAll("button.alert-ack"));
        Assert.Contains(page.FindAll(".alert-event"), e => e.GetAttribute("data-kind") == "Acknowledged");
        Assert.True(_host.Get<AlertEvaluator>().Board.Flows[Flow].Acknowledged);
        var audit = Assert.Single(await _host.Get<IAuditLog>().ListAsync("alert.acknowledge"));
        Assert.Equal(("ops.jane", "firewall change CHG-42"), (audit.Actor, audit.Details));
    }

    [Fact]
    public async Task Page_NoNameField_TheNameCannotBeTypedAsSomeoneElse()
    {
        await BreakTheSqlEdgeAsync();
        var page = _host.Context.Render<AlertsPage>();

        Assert.Empty(page.FindAll(".alerts-ack-name"));
        page.WaitForElement("button.alert-ack").Click();

        page.WaitForAssertion(() => Assert.Contains($"Acknowledged by {PageHost.UserName}", page.Find(".alert-acknowledged").TextContent));
    }

    [Fact]
    public void Page_NoAlerts_SaysSo()
    {
        var page = _host.Context.Render<AlertsPage>();

        Assert.NotNull(page.WaitForElement(".alerts-none"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
