using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Tests.Alerts;

public class EdgeAlertRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Flow ServerFlow = FlowCatalogue.Default.FindFlow("website-shoppingdb-sql")!;
    private static readonly Flow ClientFlow = FlowCatalogue.Default.FindFlow("client-website-http")!;
    private static readonly AlertRule ServerRule = AlertSettings.Default.RuleFor(ServerFlow);
    private static readonly AlertRule ClientRule = AlertSettings.Default.RuleFor(ClientFlow);

    internal static AlertLink Healthy(string source, string target = "db01", DateTimeOffset? recoveredAt = null) =>
        new(source, target, 1433, ProbeOutcome.Reachable, null, LinkStreak.New with { ChangedAt = recoveredAt }, Silent: false);

    internal static AlertLink Broken(string source, string target = "db01", DateTimeOffset? since = null, ProbeOutcome outcome = ProbeOutcome.TimedOut, bool silent = false) =>
        new(source, target, 1433, outcome, "no answer in 3000 ms",
            new LinkStreak(LinkHealth.Broken, 3, 0, since ?? T0, (since ?? T0).AddMinutes(2), (since ?? T0).AddMinutes(2)), silent);

    [Fact]
    public void Evaluate_ServerFlowOneBrokenLinkOfMany_IsBroken()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Healthy("web01"), Healthy("web02"), Broken("web03")], MaintenanceCover.None);

        Assert.Equal(EdgeCondition.Broken, status.Condition);
        Assert.Equal(3, status.Counted);
        Assert.Equal("web03", Assert.Single(status.Broken).SourceHost);
        Assert.Equal(T0, status.FailingSince);
        Assert.Equal(ProbeOutcome.TimedOut, status.MainOutcome);
    }

    [Fact]
    public void Evaluate_ClientFlowBelowShare_IsOkWithItsBrokenLinksNamed()
    {
        var links = Enumerable.Range(0, 100).Select(i => i < 4 ? Broken($"pc{i}", "web01") : Healthy($"pc{i}", "web01"));

        var status = EdgeAlertRule.Evaluate(ClientFlow, true, ClientRule, links, MaintenanceCover.None);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(4, status.Broken.Count);
        Assert.Equal("4 of 100 link(s) broken, below the alert share", status.Why);
    }

    [Fact]
    public void Evaluate_ClientFlowAtShare_IsBroken()
    {
        var links = Enumerable.Range(0, 100).Select(i => i < 5 ? Broken($"pc{i}", "web01", T0.AddMinutes(i)) : Healthy($"pc{i}", "web01"));

        var status = EdgeAlertRule.Evaluate(ClientFlow, true, ClientRule, links, MaintenanceCover.None);

        Assert.Equal(EdgeCondition.Broken, status.Condition);
        Assert.Equal(T0, status.FailingSince);
    }

    [Fact]
    public void Evaluate_LinkOfSilentAgent_IsLeftOutSoTheEdgeHasNoData()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Broken("web01", silent: true)], MaintenanceCover.None);

        Assert.Equal(EdgeCondition.NoData, status.Condition);
        Assert.Equal(1, status.Silent);
        Assert.Empty(status.Broken);
        Assert.Equal("1 link(s) silent", status.Why);
    }

    [Fact]
    public void Evaluate_BrokenLinkOfSilentAgentBesideHealthyOnes_IsOk()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Broken("web01", silent: true), Healthy("web02")], MaintenanceCover.None);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(1, status.Counted);
    }

    [Fact]
    public void Evaluate_TargetHostInMaintenance_LeavesItsLinksOut()
    {
        var cover = MaintenanceCover.At([new MaintenanceWindow(1, MaintenanceScope.Host, "DB01", "patching", T0.AddHours(-1), T0.AddHours(1))], T0);

        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Broken("web01", "db01"), Healthy("web01", "db02")], cover);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(1, status.InMaintenance);
    }

    [Fact]
    public void Evaluate_FlowOff_HasNoData()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, false, ServerRule, [Broken("web01")], MaintenanceCover.None);

        Assert.Equal(EdgeCondition.NoData, status.Condition);
    }

    [Fact]
    public void Evaluate_AllHealthy_RecoveredAtIsTheLatestRecovery()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule,
            [Healthy("web01", recoveredAt: T0.AddMinutes(5)), Healthy("web02", recoveredAt: T0.AddMinutes(7)), Healthy("web03")], MaintenanceCover.None);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(T0.AddMinutes(7), status.RecoveredAt);
    }
}
