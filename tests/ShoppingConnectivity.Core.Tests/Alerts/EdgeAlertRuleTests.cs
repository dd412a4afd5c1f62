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

    /// <summary>The agent's certificate judge's detail for a certificate that expires <paramref name="days"/> after <see cref="T0"/>.</summary>
    private static string CertificateDetail(string target, int days) =>
        $"TLS 1.3, certificate CN={target} issued by CN=ca, expires {T0.AddDays(days):yyyy-MM-dd HH:mm} UTC ({days} days left, within the 14-day warning: renew it soon).";

    internal static AlertLink Degraded(string source, string target = "dc01", int days = 4, bool silent = false) =>
        new(source, target, 636, ProbeOutcome.Reachable, CertificateDetail(target, days), LinkStreak.New, silent, Degraded: true);

    [Fact]
    public void Evaluate_StreakThatReadsAsNew_SameStatusAsNoStreak()
    {
        // Counts and times of a healthy link that never broke: central holds no streak for it (LinkStreaks).
        var counted = new LinkStreak(LinkHealth.Healthy, 2, 0, T0, null, T0.AddMinutes(1));
        var recovered = LinkStreak.New with { ChangedAt = T0 };
        Assert.True(counted.ReadsAsNew);
        Assert.False(recovered.ReadsAsNew);
        Assert.False(Broken("web01").Streak.ReadsAsNew);

        Assert.Equal(Summary(LinkStreak.New), Summary(counted));
        Assert.NotEqual(Summary(LinkStreak.New), Summary(recovered));

        static string Summary(LinkStreak streak)
        {
            AlertLink[] links = [new("web01", "db01", 1433, ProbeOutcome.Reachable, null, streak, Silent: false), Broken("web02")];
            var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, links, MaintenanceCover.None, T0.AddMinutes(5));
            return $"{status.Condition} {status.Counted} {status.Broken.Count} {status.FailingSince} {status.RecoveredAt} {status.Recovered.Count} {status.Degraded.Count} {status.Why}";
        }
    }

    /// <summary>Which links make an edge degraded rather than broken or ok: "h" healthy, "d" degraded, "b" broken, "s" a silent degraded one.</summary>
    [Theory]
    [InlineData("h,h", EdgeCondition.Ok, 0, "2 link(s) healthy")]
    [InlineData("h,d", EdgeCondition.Degraded, 1, "1 of 2 link(s) degraded")]
    [InlineData("d,d", EdgeCondition.Degraded, 2, "2 of 2 link(s) degraded")]
    [InlineData("d,b", EdgeCondition.Broken, 0, "1 of 2 link(s) broken")]
    [InlineData("h,s", EdgeCondition.Ok, 0, "1 link(s) healthy")]
    [InlineData("s", EdgeCondition.NoData, 0, "1 link(s) silent")]
    public void Evaluate_DegradedLinks_DegradedUnlessBrokenOrLeftOut(string links, EdgeCondition condition, int degraded, string why)
    {
        var alertLinks = links.Split(',').Select((kind, i) => kind switch
        {
            "h" => Healthy($"web0{i}", "dc01"),
            "d" => Degraded($"web0{i}"),
            "b" => Broken($"web0{i}", "dc01"),
            _ => Degraded($"web0{i}", silent: true),
        });

        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, alertLinks, MaintenanceCover.None, T0);

        Assert.Equal((condition, degraded, why), (status.Condition, status.Condition == EdgeCondition.Broken ? 0 : status.Degraded.Count, status.Why));
    }

    [Fact]
    public void Evaluate_DegradedLinks_NamedWithTheirCauseTheMostUrgentFirst()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule,
            [Degraded("web01", "dc02", days: 10), Degraded("web02", "dc01", days: 4), Healthy("web03", "dc01")], MaintenanceCover.None, T0);

        Assert.Equal(EdgeCondition.Degraded, status.Condition);
        Assert.Equal(
            [("web02", "dc01", 636, "certificate expires in 4 days"), ("web01", "dc02", 636, "certificate expires in 10 days")],
            status.Degraded.Select(d => (d.SourceHost, d.TargetHost, d.Port, d.Cause)));
        Assert.Equal("certificate expires in 4 days", status.Cause);
        Assert.Equal(CertificateDetail("dc01", 4), status.Degraded[0].Detail);
    }

    [Fact]
    public void Evaluate_DegradedLinkCountedAgainstTheEvaluationsClock_SaysHowManyDaysAreLeftNow()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Degraded("web01", days: 4)], MaintenanceCover.None, T0.AddDays(6));

        Assert.Equal("certificate expired 2 days ago", status.Cause);
    }

    [Fact]
    public void Evaluate_DegradedLinkInMaintenance_IsLeftOut()
    {
        var cover = MaintenanceCover.At([new MaintenanceWindow(1, MaintenanceScope.Host, "dc01", "renewing", T0.AddHours(-1), T0.AddHours(1))], T0);

        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Degraded("web01", "dc01"), Healthy("web01", "dc02")], cover, T0);

        Assert.Equal((EdgeCondition.Ok, 1), (status.Condition, status.InMaintenance));
        Assert.Empty(status.Degraded);
    }

    [Fact]
    public void Evaluate_ServerFlowOneBrokenLinkOfMany_IsBroken()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Healthy("web01"), Healthy("web02"), Broken("web03")], MaintenanceCover.None, T0);

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

        var status = EdgeAlertRule.Evaluate(ClientFlow, true, ClientRule, links, MaintenanceCover.None, T0);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(4, status.Broken.Count);
        Assert.Equal("4 of 100 link(s) broken, below the alert share", status.Why);
    }

    [Fact]
    public void Evaluate_ClientFlowAtShare_IsBroken()
    {
        var links = Enumerable.Range(0, 100).Select(i => i < 5 ? Broken($"pc{i}", "web01", T0.AddMinutes(i)) : Healthy($"pc{i}", "web01"));

        var status = EdgeAlertRule.Evaluate(ClientFlow, true, ClientRule, links, MaintenanceCover.None, T0);

        Assert.Equal(EdgeCondition.Broken, status.Condition);
        Assert.Equal(T0, status.FailingSince);
    }

    [Fact]
    public void Evaluate_LinkOfSilentAgent_IsLeftOutSoTheEdgeHasNoData()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Broken("web01", silent: true)], MaintenanceCover.None, T0);

        Assert.Equal(EdgeCondition.NoData, status.Condition);
        Assert.Equal(1, status.Silent);
        Assert.Empty(status.Broken);
        Assert.Equal("1 link(s) silent", status.Why);
    }

    [Fact]
    public void Evaluate_BrokenLinkOfSilentAgentBesideHealthyOnes_IsOk()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Broken("web01", silent: true), Healthy("web02")], MaintenanceCover.None, T0);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(1, status.Counted);
    }

    [Fact]
    public void Evaluate_TargetHostInMaintenance_LeavesItsLinksOut()
    {
        var cover = MaintenanceCover.At([new MaintenanceWindow(1, MaintenanceScope.Host, "DB01", "patching", T0.AddHours(-1), T0.AddHours(1))], T0);

        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule, [Broken("web01", "db01"), Healthy("web01", "db02")], cover, T0);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(1, status.InMaintenance);
    }

    [Fact]
    public void Evaluate_FlowOff_HasNoData()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, false, ServerRule, [Broken("web01")], MaintenanceCover.None, T0);

        Assert.Equal(EdgeCondition.NoData, status.Condition);
    }

    [Fact]
    public void Evaluate_AllHealthy_RecoveredAtIsTheLatestRecovery()
    {
        var status = EdgeAlertRule.Evaluate(ServerFlow, true, ServerRule,
            [Healthy("web01", recoveredAt: T0.AddMinutes(5)), Healthy("web02", recoveredAt: T0.AddMinutes(7)), Healthy("web03")], MaintenanceCover.None, T0);

        Assert.Equal(EdgeCondition.Ok, status.Condition);
        Assert.Equal(T0.AddMinutes(7), status.RecoveredAt);
    }
}
