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

public sealed class AlertPageTests : IAsyncLifetime
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";
    private readonly PageHost _host = new();

    /// <summary>A broken link in the live state, then one evaluation: the alert opens and its mail is queued. Returns its id.</summary>
    private async Task<long> BreakTheSqlEdgeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _host.Get<LinkStreaks>().Set("web01", Probe, Flow, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-3), now.AddMinutes(-1), now));
        _host.Get<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.TimedOut, now.AddMinutes(-3), now, null, "no answer in 3000 ms", 60)]);
        await _host.Get<AlertEvaluator>().EvaluateAsync();
        return Assert.Single(await _host.Get<AlertHistory>().ListAsync()).Id;
    }

    private IRenderedComponent<AlertPage> Render(string id) => _host.Context.Render<AlertPage>(p => p.Add(a => a.Id, id));

    [Fact]
    public async Task Page_DegradedAlert_SaysDegradedAndNamesEachLinkWithItsCause()
    {
        var now = DateTimeOffset.UtcNow;
        var detail = $"TLS 1.2, certificate CN=db01 issued by CN=ca, EXPIRED on {now.AddDays(-2).AddHours(-1):yyyy-MM-dd HH:mm} UTC.";
        _host.Get<LinkStreaks>().Set("web01", Probe, Flow, new LinkStreak(LinkHealth.Healthy, 0, 3, null, null, now));
        _host.Get<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.Reachable, now.AddMinutes(-3), now, 2, detail, 60, Degraded: true)]);
        await _host.Get<AlertEvaluator>().EvaluateAsync();
        var id = Assert.Single(await _host.Get<AlertHistory>().ListAsync()).Id;

        var page = Render(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        page.WaitForElement($".alert-card[data-alert='{id}']");
        Assert.Equal("Degraded", page.Find(".alert-state").TextContent.Trim());
        Assert.StartsWith("Degraded since ", page.Find(".alert-since").TextContent.Trim());
        Assert.Equal(["web01 \u2192 db01:47101 (certificate expired 2 days ago)"], page.FindAll(".alert-link").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public async Task Page_KnownAlert_ShowsItsStateChangesLinksAndMailDeliveries()
    {
        var id = await BreakTheSqlEdgeAsync();
        // No SMTP server is set: the mail stays queued with the reason.
        await _host.Get<AlertDelivery>().DeliverDueAsync();

        var page = Render(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var card = page.WaitForElement($".alert-card[data-alert='{id}']");
        Assert.Equal("Open", card.GetAttribute("data-state"));
        Assert.Equal("Shopping Website \u2192 Shopping DB (SQL Server) TCP 47101", page.Find("#alert-title").TextContent.Trim());
        Assert.Equal(["Opened", "NoticeQueued"], page.FindAll(".alert-event").Select(e => e.GetAttribute("data-kind")));
        Assert.Equal(["web01 \u2192 db01:47101"], page.FindAll(".alert-link").Select(l => l.TextContent.Trim()));
        // Both hosts open their own pages.
        Assert.Equal(["/hosts/web01", "/hosts/db01"], page.FindAll(".alert-link a").Select(a => a.GetAttribute("href")));
        var mail = page.Find(".alert-mail");
        Assert.Equal(("Broken", "Pending"), (mail.GetAttribute("data-kind"), mail.GetAttribute("data-status")));
        var cells = mail.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("ops@contoso.example", cells[1]);
        Assert.Equal("no SMTP server is set (Settings, SMTP).", cells[4]);
        Assert.Equal($"/?edge={Flow}", page.Find(".alert-drill-down").GetAttribute("href"));
        Assert.NotNull(page.Find("button.alert-ack"));
        Assert.Empty(page.FindAll(".alert-unknown"));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("nope")]
    public async Task Page_UnknownId_SaysSo(string id)
    {
        await BreakTheSqlEdgeAsync();

        var page = Render(id);

        page.WaitForAssertion(() => Assert.Contains($"No alert '{id}'", page.Find(".alert-unknown").TextContent));
        Assert.Empty(page.FindAll(".alert-card"));
    }

    [Fact]
    public async Task Page_Acknowledge_RecordsTheSignedInUserAndNoteAndStopsReminders()
    {
        var id = await BreakTheSqlEdgeAsync();
        _host.Auth.SetAuthorized("ops.jane");
        _host.Auth.SetRoles(CentralRoles.Operator);
        var page = Render(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        page.WaitForElement(".alert-ack-note input").Change("firewall change CHG-42");
        page.ClickOn("button.alert-ack");

        page.WaitForAssertion(() => Assert.Contains("Acknowledged by ops.jane", page.Find(".alert-acknowledged").TextContent));
        Assert.Contains("firewall change CHG-42", page.Find(".alert-acknowledged").TextContent);
        Assert.Empty(page.FindAll("button.alert-ack"));
        Assert.Contains(page.FindAll(".alert-event"), e => e.GetAttribute("data-kind") == "Acknowledged");
        Assert.True(_host.Get<AlertEvaluator>().Board.Flows[Flow].Acknowledged);
        var audit = Assert.Single(await _host.Get<IAuditLog>().ListAsync("alert.acknowledge"));
        Assert.Equal(("ops.jane", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "firewall change CHG-42"), (audit.Actor, audit.Target, audit.Details));
    }

    [Fact]
    public async Task Page_Viewer_ReadsTheAlertWithoutAcknowledge()
    {
        var id = await BreakTheSqlEdgeAsync();
        _host.Auth.SetAuthorized("viewer.vic");
        _host.Auth.SetRoles(CentralRoles.Viewer);

        var page = Render(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        page.WaitForElement($".alert-card[data-alert='{id}']");
        Assert.Equal(["Opened", "NoticeQueued"], page.FindAll(".alert-event").Select(e => e.GetAttribute("data-kind")));
        Assert.Empty(page.FindAll("button.alert-ack"));
        Assert.Empty(page.FindAll(".alert-ack-note"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
