using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Core.Tests.Alerts;

public class AlertMailTests
{
    private static readonly FlowCatalogue Catalogue = FlowCatalogue.Default;
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Flow Sql = Catalogue.FindFlow("website-shoppingdb-sql")!;
    private static readonly Flow Smtp = Catalogue.FindFlow("central-smtp")!;

    private static readonly AlertRecipients Recipients = new(
        ["ops@contoso.example"],
        new Dictionary<string, IReadOnlyList<string>>(),
        new Dictionary<string, IReadOnlyList<string>> { ["ShoppingDb"] = ["dba@contoso.example"] });

    private static EdgeAlertStatus Broken(int hosts = 1, string? detail = "no answer in 3000 ms") => new(
        EdgeCondition.Broken, hosts, 0, 0,
        Enumerable.Range(1, hosts).Select(i => new BrokenLink($"web{i:00}", "sql01", 1433, ProbeOutcome.TimedOut, T0, detail)).ToList(), T0, null);

    private static readonly Flow Ldaps = Catalogue.FindFlow("website-dc-ldaps")!;

    private const string CertificateDetail =
        "TLS 1.3, certificate CN=dc01 issued by CN=ca, expires 2026-11-29 12:00 UTC (4 days left, within the 14-day warning: renew it soon).";

    private static EdgeAlertStatus Degraded(string cause = "certificate expires in 4 days") => new(EdgeCondition.Degraded, 1, 0, 0, [], null, null)
    {
        Degraded = [new DegradedLink("web01", "dc01", 636, cause, CertificateDetail)],
    };

    private static AlertNotice Notice(NoticeKind kind, Flow flow, EdgeAlertStatus? status = null, DateTimeOffset? recoveredAt = null) =>
        new(kind, $"{flow.Id}@1", flow, status ?? Broken(), T0, recoveredAt, T0.AddMinutes(1));

    [Fact]
    public void Compose_BrokenEdge_NamesFlowRolesPortSinceHostsOutcomeHintAndLink()
    {
        var mail = Assert.Single(AlertMail.Compose([Notice(NoticeKind.Broken, Sql)], Recipients, Catalogue, "https://central.contoso.example/"));

        Assert.Equal(["dba@contoso.example"], mail.Recipients);
        Assert.Equal("[Shopping Connectivity] BROKEN: Shopping Website \u2192 Shopping DB (SQL Server) TCP 1433", mail.Subject);
        Assert.Contains("Broken since 2026-11-25 12:00:00 UTC.", mail.Text);
        Assert.Contains("Flow: website-shoppingdb-sql (", mail.Text);
        Assert.Contains("Outcome: TimedOut (1 of 1 link(s) broken)", mail.Text);
        Assert.Contains("web01 \u2192 sql01:1433 TimedOut since 2026-11-25 12:00:00 UTC (no answer in 3000 ms)", mail.Text);
        Assert.Contains("Hint: A firewall between web01 and sql01 drops TCP 1433", mail.Text);
        Assert.Contains("Drill-down: https://central.contoso.example/?edge=website-shoppingdb-sql", mail.Text);
        Assert.Contains("Trend: https://central.contoso.example/trends/website-shoppingdb-sql", mail.Text);
        Assert.Contains("href=\"https://central.contoso.example/?edge=website-shoppingdb-sql\"", mail.Html);
        Assert.Contains("Shopping Website \u2192 Shopping DB (SQL Server) TCP 1433", mail.Html);
        Assert.Contains("A firewall between web01 and sql01 drops TCP 1433", mail.Html);
    }

    /// <summary>The 3 a.m. mail for the common WMI failure says to open the dynamic range, not 135 (which is open).</summary>
    [Fact]
    public void Compose_DynamicRpcPortFiltered_HintNamesTheDynamicPortAndRange()
    {
        var wmi = Catalogue.FindFlow("central-smsprovider-wmi")!;
        var detail = DynamicRpcFailure.Describe("Port 135 of sms01", 49667, ProbeOutcome.TimedOut, "no answer within 3,000 ms", null);
        var status = new EdgeAlertStatus(EdgeCondition.Broken, 1, 0, 0, [new BrokenLink("app01", "sms01", 135, ProbeOutcome.TimedOut, T0, detail)], T0, null);

        var mail = Assert.Single(AlertMail.Compose([Notice(NoticeKind.Broken, wmi, status)], Recipients, Catalogue, "https://central.contoso.example/"));

        Assert.Contains("Hint: sms01 answers on TCP 135 (the endpoint mapper), but a firewall between app01 and sms01 drops the dynamic RPC port 49667 it named: " +
            "open TCP 49152-65535 from app01 to sms01 (WMI/DCOM needs both).", mail.Text);
    }

    [Theory]
    [InlineData(NoticeKind.Broken, "Acknowledge")]
    [InlineData(NoticeKind.Reminder, "Acknowledge")]
    [InlineData(NoticeKind.Flapping, "Acknowledge")]
    [InlineData(NoticeKind.Recovered, "Alert")]
    public void Compose_AlertIdKnown_LinksTheAlertPageToAcknowledgeAndTheEdgeToLook(NoticeKind kind, string label)
    {
        var notice = Notice(kind, Sql, recoveredAt: kind == NoticeKind.Recovered ? T0.AddMinutes(5) : null);

        var mail = Assert.Single(AlertMail.Compose([notice], Recipients, Catalogue, "https://central.contoso.example/",
            alertIdOf: key => key == notice.AlertKey ? 42 : null));

        Assert.Contains($"  {label}: https://central.contoso.example/alerts/42\n", mail.Text);
        Assert.Contains("  Drill-down: https://central.contoso.example/?edge=website-shoppingdb-sql\n", mail.Text);
        Assert.Contains($"<a href=\"https://central.contoso.example/alerts/42\">{(kind == NoticeKind.Recovered ? "The alert" : "Acknowledge")}</a>", mail.Html);
        Assert.Contains("<a href=\"https://central.contoso.example/?edge=website-shoppingdb-sql\">Open the edge</a>", mail.Html);
    }

    [Fact]
    public void Compose_AlertIdUnknown_NoAlertPageLink()
    {
        var mail = Assert.Single(AlertMail.Compose([Notice(NoticeKind.Broken, Sql)], Recipients, Catalogue, "https://central.contoso.example/"));

        Assert.DoesNotContain("/alerts/", mail.Text);
        Assert.DoesNotContain("/alerts/", mail.Html);
    }

    private static readonly BlameMark SqlDown = new(BlameKind.Target, "ShoppingDb", "sql01", 3, 3, "sql01: unreachable from 3 of 3 sources on 2 flows",
        ["central-shoppingdb-sql", "website-shoppingdb-sql"]);

    private static readonly BlameMark SqlEdge = new(BlameKind.Edge, "ShoppingDb", null, 1, 4, "1 of 4 links failing with no common source or target",
        ["website-shoppingdb-sql"]);

    private static readonly BlameMark SmtpClient = new(BlameKind.Source, "CentralService", "cs01", 1, 5, "cs01: cannot reach smtp01:25, which 1 other Central Service host reaches",
        ["central-smtp"]);

    /// <summary>Which marks are in force, the notice's kind, and its "Suspect:" line (null: none).</summary>
    public static TheoryData<string, NoticeKind, string?> SuspectLines => new()
    {
        { "host", NoticeKind.Broken, "Suspect: sql01: unreachable from 3 of 3 sources on 2 flows" },
        { "host edge other", NoticeKind.Reminder, "Suspect: sql01: unreachable from 3 of 3 sources on 2 flows; the edge itself (1 of 4 links failing with no common source or target)" },
        { "edge", NoticeKind.Flapping, "Suspect: the edge itself (1 of 4 links failing with no common source or target)" },
        { "other", NoticeKind.Broken, null },
        { "host", NoticeKind.Recovered, null },
    };

    [Theory]
    [MemberData(nameof(SuspectLines))]
    public void Compose_MarksExplainingTheFlow_OneSuspectLine(string inForce, NoticeKind kind, string? expected)
    {
        var all = new Dictionary<string, BlameMark> { ["host"] = SqlDown, ["edge"] = SqlEdge, ["other"] = SmtpClient };
        var marks = inForce.Split(' ').Select(k => all[k]).ToList();

        var mail = Assert.Single(AlertMail.Compose([Notice(kind, Sql, recoveredAt: kind == NoticeKind.Recovered ? T0.AddMinutes(5) : null)],
            Recipients, Catalogue, null, marks: marks));

        var lines = mail.Text.Split('\n').Where(l => l.TrimStart().StartsWith("Suspect:", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Equal(expected is null ? [] : [expected], lines);
        if (expected is not null) Assert.Contains(System.Net.WebUtility.HtmlEncode(expected["Suspect: ".Length..]), mail.Html);
    }

    [Fact]
    public void Compose_Recovered_GivesTheOutageAndNoHint()
    {
        var mail = Assert.Single(AlertMail.Compose([Notice(NoticeKind.Recovered, Sql, recoveredAt: T0.AddMinutes(42))], Recipients, Catalogue, null));

        Assert.Equal("[Shopping Connectivity] RECOVERED: Shopping Website \u2192 Shopping DB (SQL Server) TCP 1433 after 42 min", mail.Subject);
        Assert.Contains("Recovered at 2026-11-25 12:42:00 UTC after an outage of 42 min", mail.Text);
        Assert.Contains("Hosts that were broken:", mail.Text);
        Assert.DoesNotContain("Hint:", mail.Text);
        Assert.DoesNotContain("Drill-down", mail.Text);
    }

    [Theory]
    [InlineData(ProbeOutcome.Refused, true, "web01 \u2192 sql01:1433 was Refused from 2026-11-25 12:00:00 UTC, reachable again at 2026-11-25 12:42:00 UTC")]
    [InlineData(ProbeOutcome.Refused, false, "web01 \u2192 sql01:1433 was Refused from 2026-11-25 12:00:00 UTC")]
    [InlineData(ProbeOutcome.Reachable, true, "web01 \u2192 sql01:1433 was failing from 2026-11-25 12:00:00 UTC, reachable again at 2026-11-25 12:42:00 UTC")]
    public void Text_RecoveredHost_WhatItFailedWithFromWhenAndWhenItWasWellAgain(ProbeOutcome outcome, bool recoveryKnown, string expected)
    {
        var link = new BrokenLink("web01", "sql01", 1433, outcome, T0, "refused", recoveryKnown ? T0.AddMinutes(42) : null);
        var status = new EdgeAlertStatus(EdgeCondition.Broken, 1, 0, 0, [link], T0, null);

        var notice = Notice(NoticeKind.Recovered, Sql, status, T0.AddMinutes(42));

        var text = AlertMail.Text([notice], Catalogue, null);
        Assert.Contains(expected, text);
        Assert.Equal(recoveryKnown, text.Contains("reachable again", StringComparison.Ordinal));
        Assert.Contains(expected.Replace(" \u2192 ", " &rarr; "), AlertMail.Html([notice], Catalogue, null));
    }

    [Fact]
    public void Compose_Digest_OneMailPerRecipientListWithEveryEdge()
    {
        var notices = new[]
        {
            Notice(NoticeKind.Broken, Smtp),
            Notice(NoticeKind.Broken, Sql),
            Notice(NoticeKind.Recovered, Catalogue.FindFlow("central-pop3")!, recoveredAt: T0.AddMinutes(5)),
        };

        var mails = AlertMail.Compose(notices, Recipients, Catalogue, null);

        Assert.Equal(2, mails.Count);
        var ops = mails.Single(m => m.Recipients.SequenceEqual(["ops@contoso.example"]));
        Assert.Equal(["central-smtp", "central-pop3"], ops.Notices.Select(n => n.Flow.Id));
        Assert.StartsWith("[Shopping Connectivity] 1 broken, 1 recovered: Central Service \u2192 SMTP gateway TCP 25; ", ops.Subject);
        Assert.Contains("2 edges changed together:", ops.Text);
    }

    [Fact]
    public void Compose_ManyHosts_ListsTheFirstAndCountsTheRest()
    {
        var mail = AlertMail.Compose([Notice(NoticeKind.Broken, Sql, Broken(40))], Recipients, Catalogue, null)[0];

        Assert.Contains($"... and {40 - AlertMail.MaxHostsListed} more", mail.Text);
        Assert.DoesNotContain("web40", mail.Text);
    }

    [Fact]
    public void Compose_DetailWithMarkup_IsEncodedInHtml()
    {
        var mail = AlertMail.Compose([Notice(NoticeKind.Broken, Sql, Broken(1, "<script>x</script>"))], Recipients, Catalogue, null)[0];

        Assert.DoesNotContain("<script>", mail.Html);
        Assert.Contains("&lt;script&gt;", mail.Html);
    }

    [Fact]
    public void Compose_ReminderAndFlapping_SayWhatTheyAre()
    {
        Assert.Equal("[Shopping Connectivity] STILL BROKEN: Shopping Website \u2192 Shopping DB (SQL Server) TCP 1433 for 60 s",
            AlertMail.Compose([Notice(NoticeKind.Reminder, Sql)], Recipients, Catalogue, null)[0].Subject);
        Assert.Contains("Breaking and recovering again and again",
            AlertMail.Compose([Notice(NoticeKind.Flapping, Sql)], Recipients, Catalogue, null)[0].Text);
    }

    [Fact]
    public void Compose_Degraded_SaysDegradedWithItsCauseNotBroken()
    {
        var mail = Assert.Single(AlertMail.Compose([Notice(NoticeKind.Degraded, Ldaps, Degraded())], Recipients, Catalogue, null));

        Assert.Equal("[Shopping Connectivity] DEGRADED: Shopping Website \u2192 Active Directory DC TCP 636, 3269: certificate expires in 4 days", mail.Subject);
        Assert.Contains("DEGRADED: Shopping Website \u2192 Active Directory DC TCP 636, 3269\n", mail.Text);
        Assert.Contains("  Reachable, but degraded since 2026-11-25 12:00:00 UTC: certificate expires in 4 days.\n", mail.Text);
        Assert.Contains("  Outcome: Reachable, degraded (1 of 1 link(s) degraded)\n", mail.Text);
        Assert.Contains($"  Hosts:\n    web01 \u2192 dc01:636 certificate expires in 4 days ({CertificateDetail})\n", mail.Text);
        Assert.Contains("  Hint: Renew the certificate on dc01 before it expires; the connection still works.\n", mail.Text);
        Assert.DoesNotContain("BROKEN", mail.Text);
        Assert.DoesNotContain("Broken", mail.Text);
    }

    [Fact]
    public void Html_Degraded_AmberWithAWarningSignNotRed()
    {
        var html = AlertMail.Html([Notice(NoticeKind.Degraded, Ldaps, Degraded())], Catalogue, null);

        Assert.Contains("<h2 style=\"color:#b26a00;font-size:16px\">\u26a0 DEGRADED: Shopping Website \u2192 Active Directory DC TCP 636, 3269</h2>", html);
        Assert.DoesNotContain("#c62828", html);
        Assert.Contains("<li>web01 &rarr; dc01:636 certificate expires in 4 days <i>(", html);
        Assert.Contains("Renew the certificate on dc01 before it expires; the connection still works.", html);
    }

    /// <summary>Each mail kind's headline and colour: a degraded edge is amber, never the broken red.</summary>
    [Theory]
    [InlineData(NoticeKind.Broken, "BROKEN", "#c62828")]
    [InlineData(NoticeKind.Reminder, "STILL BROKEN", "#c62828")]
    [InlineData(NoticeKind.Flapping, "FLAPPING", "#ef6c00")]
    [InlineData(NoticeKind.Recovered, "RECOVERED", "#2e7d32")]
    [InlineData(NoticeKind.Degraded, "DEGRADED", "#b26a00")]
    [InlineData(NoticeKind.Cleared, "NO LONGER DEGRADED", "#2e7d32")]
    public void Headline_EachKind_ItsWordAndColour(NoticeKind kind, string headline, string colour)
    {
        Assert.Equal((headline, colour), (AlertMail.Headline(kind), AlertMail.Colour(kind)));
    }

    [Fact]
    public void Compose_Cleared_SaysHealthyAgainAndWhatWasDegraded()
    {
        var mail = Assert.Single(AlertMail.Compose([Notice(NoticeKind.Cleared, Ldaps, Degraded(), T0.AddDays(2))], Recipients, Catalogue, null));

        Assert.Equal("[Shopping Connectivity] NO LONGER DEGRADED: Shopping Website \u2192 Active Directory DC TCP 636, 3269", mail.Subject);
        Assert.Contains("  Healthy again at 2026-11-27 12:00:00 UTC: no longer degraded, after 2 days 0 h (degraded since 2026-11-25 12:00:00 UTC).\n", mail.Text);
        Assert.Contains("  Hosts that were degraded:\n    web01 \u2192 dc01:636 no longer degraded (was: certificate expires in 4 days)\n", mail.Text);
        Assert.DoesNotContain("Hint:", mail.Text);
        Assert.Contains("<h2 style=\"color:#2e7d32;font-size:16px\">\u2714 NO LONGER DEGRADED: ", mail.Html);
    }

    [Fact]
    public void Compose_RecoveredToDegraded_SaysReachableAgainButStillDegradedWithTheCause()
    {
        var status = Broken() with { Degraded = Degraded().Degraded };

        var mail = Assert.Single(AlertMail.Compose([Notice(NoticeKind.Recovered, Ldaps, status, T0.AddMinutes(42))], Recipients, Catalogue, null));

        Assert.StartsWith("[Shopping Connectivity] RECOVERED: Shopping Website \u2192 Active Directory DC TCP 636, 3269 after 42 min", mail.Subject);
        Assert.Contains("after an outage of 42 min (broken since 2026-11-25 12:00:00 UTC). Reachable again, but still degraded: certificate expires in 4 days.", mail.Text);
        Assert.Contains("  Hosts that were broken:\n    web01 \u2192 sql01:1433 was TimedOut", mail.Text);
        Assert.Contains("  Still degraded:\n    web01 \u2192 dc01:636 certificate expires in 4 days (", mail.Text);
        Assert.Contains("  Hint: Renew the certificate on dc01 before it expires", mail.Text);
    }

    [Fact]
    public void Compose_DigestWithADegradedEdge_CountsItAsDegraded()
    {
        var mail = AlertMail.Compose([Notice(NoticeKind.Broken, Smtp), Notice(NoticeKind.Degraded, Ldaps, Degraded())], Recipients, Catalogue, null);

        Assert.StartsWith("[Shopping Connectivity] 1 broken, 1 degraded: Central Service \u2192 SMTP gateway TCP 25; Shopping Website \u2192 Active Directory DC TCP 636, 3269",
            Assert.Single(mail).Subject);
    }
}
