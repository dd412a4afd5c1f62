using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Alerts;

/// <summary>The evaluator over central's real stores; the jobs are slowed down so each test decides when it evaluates.</summary>
public sealed class AlertEvaluatorTests : IDisposable
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";

    private readonly CentralFactory _factory = new(new Dictionary<string, string?>
    {
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:GroupingSeconds"] = "0",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
    });

    private T Get<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    private void BrokenLink(DateTimeOffset lastResultAt)
    {
        Get<LinkStreaks>().Set("web01", Probe, Flow, new LinkStreak(LinkHealth.Broken, 3, 0, lastResultAt.AddMinutes(-2), lastResultAt, lastResultAt));
        Get<LiveState>().Apply([new LinkSnapshot("web01", Probe, Flow, "db01", 47101, ProbeOutcome.TimedOut, lastResultAt.AddMinutes(-2), lastResultAt, null, null, 60)]);
    }

    [Fact]
    public async Task Evaluate_BrokenLinkOfASilentAgent_OpensNoAlert()
    {
        // The agent's last word was ten minutes ago, and central has listened for an hour: three intervals of 60 s make it silent.
        Get<LiveState>().StartedListening(DateTimeOffset.UtcNow.AddHours(-1));
        BrokenLink(DateTimeOffset.UtcNow.AddMinutes(-10));

        var tick = await Get<AlertEvaluator>().EvaluateAsync();

        Assert.Empty(tick.Events);
        Assert.Empty(tick.Notices);
        Assert.Empty(await Get<AlertHistory>().ListAsync());
    }

    [Fact]
    public async Task Evaluate_FlowInMaintenance_HoldsTheMailUntilTheWindowIsGone()
    {
        var now = DateTimeOffset.UtcNow;
        var (id, errors) = await Get<MaintenanceStore>().AddAsync(new MaintenanceWindow(0, MaintenanceScope.Flow, Flow, "SQL cluster failover test", now.AddMinutes(-5), now.AddHours(1)));
        Assert.Empty(errors);
        BrokenLink(now);

        var silenced = await Get<AlertEvaluator>().EvaluateAsync();
        await Get<MaintenanceStore>().RemoveAsync(id!.Value);
        var released = await Get<AlertEvaluator>().EvaluateAsync();

        Assert.Equal([AlertEventKind.Opened, AlertEventKind.Silenced], silenced.Events.Select(e => e.Kind));
        Assert.Empty(silenced.Notices);
        Assert.Equal(NoticeKind.Broken, Assert.Single(released.Notices).Kind);
        var alert = Assert.Single(await Get<AlertHistory>().ListAsync());
        Assert.Null(alert.SilencedBy);
        Assert.Equal("Pending", Assert.Single(alert.Mails).Status);
    }

    [Fact]
    public async Task Evaluate_TargetHostInMaintenance_LeavesItsLinksOut()
    {
        var now = DateTimeOffset.UtcNow;
        Assert.Empty((await Get<MaintenanceStore>().AddAsync(new MaintenanceWindow(0, MaintenanceScope.Host, "db01", "patching", now.AddMinutes(-5), now.AddHours(1)))).Errors);
        BrokenLink(now);

        var tick = await Get<AlertEvaluator>().EvaluateAsync();

        Assert.Empty(tick.Events);
        Assert.Equal(EdgeCondition.NoData, tick.State.Flows[Flow].Condition);
    }

    [Fact]
    public async Task Evaluate_FlowNotInTheEstate_NeverAlerts()
    {
        // The test estate has no Client host; a client that has just been taken out of it still reports a failure.
        const string clientFlow = "client-website-http";
        var now = DateTimeOffset.UtcNow;
        const string probe = "client-website-http/web01/80";
        Get<LinkStreaks>().Set("pc01", probe, clientFlow, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-2), now, now));
        Get<LiveState>().Apply([new LinkSnapshot("pc01", probe, clientFlow, "web01", 80, ProbeOutcome.Refused, now.AddMinutes(-2), now, null, null, 60)]);

        var tick = await Get<AlertEvaluator>().EvaluateAsync();

        Assert.Empty(tick.Events);
        Assert.Empty(tick.Notices);
        Assert.Equal(EdgeCondition.NoData, tick.State.Flows[clientFlow].Condition);
    }

    [Fact]
    public async Task Evaluate_TargetDownFromTwoFlows_EachNoticeNamesTheSuspect()
    {
        var now = DateTimeOffset.UtcNow;
        BrokenLink(now);
        const string centralFlow = "central-shoppingdb-sql";
        const string centralProbe = "central-shoppingdb-sql/db01/47101";
        Get<LinkStreaks>().Set("cs01", centralProbe, centralFlow, new LinkStreak(LinkHealth.Broken, 3, 0, now.AddMinutes(-2), now, now));
        Get<LiveState>().Apply([new LinkSnapshot("cs01", centralProbe, centralFlow, "db01", 47101, ProbeOutcome.TimedOut, now.AddMinutes(-2), now, null, null, 60)]);

        var tick = await Get<AlertEvaluator>().EvaluateAsync();

        Assert.Equal(2, tick.Notices.Count);
        await using var db = await Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        var mail = await db.AlertMessages.SingleAsync();
        var suspects = mail.TextBody.Split('\n').Where(l => l.StartsWith("  Suspect:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["  Suspect: db01: unreachable from 2 of 2 sources on 2 flows", "  Suspect: db01: unreachable from 2 of 2 sources on 2 flows"], suspects);
        Assert.Contains("<td>db01: unreachable from 2 of 2 sources on 2 flows</td>", mail.HtmlBody);
    }

    [Fact]
    public async Task Restart_KeepsOpenAlertsSoNoSecondBrokenMail()
    {
        BrokenLink(DateTimeOffset.UtcNow);
        Assert.Single((await Get<AlertEvaluator>().EvaluateAsync()).Notices);

        using var again = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:DataDirectory"] = Path.Combine(_factory.Directory, "data"),
            ["Central:Alerts:EvaluateSeconds"] = "3600",
            ["Central:Alerts:GroupingSeconds"] = "0",
        });
        var evaluator = again.Services.GetRequiredService<AlertEvaluator>();
        var tick = await evaluator.EvaluateAsync();

        Assert.True(evaluator.Board.Flows[Flow].Notified);
        Assert.Empty(tick.Notices);
    }

    public void Dispose() => _factory.Dispose();
}
