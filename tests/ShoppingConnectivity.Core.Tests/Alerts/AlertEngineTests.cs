using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Tests.Alerts;

/// <summary>The engine over time, driven by an explicit clock: <see cref="_now"/> moves only when a test says so.</summary>
public class AlertEngineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Flow Sql = FlowCatalogue.Default.FindFlow("website-shoppingdb-sql")!;
    private static readonly Flow Ldap = FlowCatalogue.Default.FindFlow("website-dc-ldap")!;

    private static readonly AlertSettings Settings = AlertSettings.Default with
    {
        GroupingWindow = TimeSpan.FromSeconds(60),
        ReminderInterval = TimeSpan.FromHours(4),
        FlapTransitions = 4,
        FlapWindow = TimeSpan.FromHours(1),
    };

    private AlertEngine _engine = new(Settings);
    private AlertBoardState _board = AlertBoardState.Empty;
    private DateTimeOffset _now = T0;
    private readonly List<AlertNotice> _mailed = [];
    private readonly List<AlertEvent> _events = [];

    private static EdgeAlertStatus Broken(DateTimeOffset since) =>
        new(EdgeCondition.Broken, 1, 0, 0, [new BrokenLink("web01", "db01", 1433, ProbeOutcome.TimedOut, since, null)], since, null);

    private static EdgeAlertStatus Ok(DateTimeOffset? recoveredAt = null) => new(EdgeCondition.Ok, 1, 0, 0, [], null, recoveredAt);

    private static EdgeAlertStatus NoData() => new(EdgeCondition.NoData, 0, 1, 0, [], null, null);

    private static readonly Flow Ldaps = FlowCatalogue.Default.FindFlow("website-dc-ldaps")!;

    private const string CertificateDetail =
        "TLS 1.3, certificate CN=dc01 issued by CN=ca, expires 2026-11-29 12:00 UTC (4 days left, within the 14-day warning: renew it soon).";

    private static EdgeAlertStatus Degraded() => new(EdgeCondition.Degraded, 1, 0, 0, [], null, null)
    {
        Degraded = [new DegradedLink("web01", "dc01", 636, "certificate expires in 4 days", CertificateDetail)],
    };

    /// <summary>web01 cannot reach dc01; web02 can, degraded (which the broken edge does not mail about).</summary>
    private static EdgeAlertStatus BrokenLdaps(DateTimeOffset since) =>
        new(EdgeCondition.Broken, 2, 0, 0, [new BrokenLink("web01", "dc01", 636, ProbeOutcome.TimedOut, since, "no answer in 3000 ms")], since, null)
        {
            Degraded = [new DegradedLink("web02", "dc01", 636, "certificate expires in 4 days", CertificateDetail)],
        };

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs the LDAPS edge through <paramref name="script"/>, one evaluation every 5 minutes from T0: o ok, d degraded,
    /// b broken (since that evaluation's first b), n no data; upper case: the same with mail silenced by maintenance.
    /// </summary>
    private void Run(string script)
    {
        DateTimeOffset? brokenSince = null;
        for (var i = 0; i < script.Length; i++)
        {
            var at = Step * i;
            var c = char.ToLowerInvariant(script[i]);
            brokenSince = c == 'b' ? brokenSince ?? T0 + at : null;
            var status = c switch
            {
                'o' => Ok(T0 + at),
                'd' => Degraded(),
                'b' => BrokenLdaps(brokenSince!.Value),
                _ => NoData(),
            };
            At(at, In(Ldaps, status, char.IsUpper(script[i]) ? "maintenance: certificate renewal" : null));
        }
    }

    /// <summary>Degraded edges over time: which mails go out, and whether the alert is still open at the end.</summary>
    public static TheoryData<string, string, NoticeKind[], bool> DegradedSequences => new()
    {
        // A day degraded (reminders would come every 4 h for broken): one mail; renewed: one mail saying so.
        { "ok \u2192 degraded a day \u2192 ok", "o" + new string('d', 288) + "ooo", [NoticeKind.Degraded, NoticeKind.Cleared], false },
        { "ok \u2192 degraded, still", "o" + new string('d', 288), [NoticeKind.Degraded], true },
        { "degraded, renewed within the grouping window", "dooo", [], false },
        { "degraded \u2192 broken: the same alert goes on", "dddbbb", [NoticeKind.Degraded, NoticeKind.Broken], true },
        { "degraded \u2192 broken \u2192 ok", "dddbbbooo", [NoticeKind.Degraded, NoticeKind.Broken, NoticeKind.Recovered], false },
        { "broken \u2192 degraded: recovered, still degraded", "bbbddd", [NoticeKind.Broken, NoticeKind.Recovered], true },
        { "broken \u2192 degraded \u2192 ok", "bbbdddooo", [NoticeKind.Broken, NoticeKind.Recovered, NoticeKind.Cleared], false },
        { "broken \u2192 degraded \u2192 broken again", "bbbdddbbb", [NoticeKind.Broken, NoticeKind.Recovered, NoticeKind.Broken], true },
        { "degraded \u2192 no data \u2192 degraded: held, told once", "dddnnnddd", [NoticeKind.Degraded], true },
        { "degraded \u2192 no data \u2192 ok", "dddnnnooo", [NoticeKind.Degraded, NoticeKind.Cleared], false },
        { "degraded in maintenance", "DDDDDD", [], true },
        { "degraded in maintenance, then out of it", "DDDddd", [NoticeKind.Degraded], true },
        { "degraded and renewed in maintenance", "DDDOOOooo", [], false },
        { "cleared in maintenance: told when it ends", "dddOOOooo", [NoticeKind.Degraded, NoticeKind.Cleared], false },
    };

    [Theory]
    [MemberData(nameof(DegradedSequences))]
    public void Evaluate_DegradedSequence_MailsAsExpected(string name, string script, NoticeKind[] mails, bool open)
    {
        Run(script);

        Assert.True(mails.SequenceEqual(_mailed.Select(m => m.Kind)), $"{name}: mailed {string.Join(", ", _mailed.Select(m => m.Kind))}");
        Assert.Equal(open, _board.Flows[Ldaps.Id].IsOpen);
        // One alert all along: degraded, broken and recovered are the same alert.
        Assert.Single(_events.Select(e => e.AlertKey).Distinct());
    }

    [Fact]
    public void Evaluate_EdgeTurnsDegraded_OpensWithItsCauseAndMailsItOnce()
    {
        Run("o" + new string('d', 100));

        var opened = _events.First(e => e.Kind == AlertEventKind.Opened);
        Assert.Equal("degraded: certificate expires in 4 days (dc01:636 from web01)", opened.Text);
        var notice = Assert.Single(_mailed);
        Assert.Equal((NoticeKind.Degraded, T0 + Step, opened.AlertKey), (notice.Kind, notice.Since, notice.AlertKey));
        Assert.Equal("certificate expires in 4 days", notice.Status.Cause);
        Assert.Equal(EdgeCondition.Degraded, _board.Flows[Ldaps.Id].Condition);
    }

    [Fact]
    public void Evaluate_DegradedThenRenewed_ClearedMailNamesWhatWasDegradedAndForHowLong()
    {
        Run("o" + new string('d', 24) + "ooo");

        var cleared = _mailed[^1];
        Assert.Equal(NoticeKind.Cleared, cleared.Kind);
        Assert.Equal((T0 + Step, T0 + 25 * Step), (cleared.Since, cleared.RecoveredAt));
        Assert.Equal(TimeSpan.FromHours(2), cleared.Outage);
        Assert.Equal("dc01", Assert.Single(cleared.Status.Degraded).TargetHost);
        Assert.Equal([AlertEventKind.Opened, AlertEventKind.NoticeQueued, AlertEventKind.Cleared, AlertEventKind.NoticeQueued, AlertEventKind.Closed],
            _events.Select(e => e.Kind));
    }

    [Fact]
    public void Evaluate_DegradedThenBroken_BrokenMailSaysBrokenSinceItBrokeOnTheSameAlert()
    {
        Run("dddbbb");

        Assert.Equal(_mailed[0].AlertKey, _mailed[1].AlertKey);
        Assert.Equal((NoticeKind.Broken, T0 + 3 * Step), (_mailed[1].Kind, _mailed[1].Since));
        Assert.Contains(_events, e => e.Kind == AlertEventKind.Broken && e.Text == "broken: 1 of 2 link(s) broken (it was degraded)");
    }

    [Fact]
    public void Evaluate_BrokenThenDegraded_RecoveredMailNamesTheBrokenLinksAndTheDegradedCause()
    {
        Run("bbbddd");

        var recovered = _mailed[^1];
        Assert.Equal(NoticeKind.Recovered, recovered.Kind);
        Assert.Equal(ProbeOutcome.TimedOut, Assert.Single(recovered.Status.Broken).Outcome);
        Assert.Equal(("web01", "certificate expires in 4 days"), Assert.Single(recovered.Status.Degraded) is var d ? (d.SourceHost, d.Cause) : default);
        Assert.Contains(_events, e => e.Kind == AlertEventKind.Recovered && e.Text == "recovered: reachable again (outage 15 min)");
        Assert.Contains(_events, e => e.Kind == AlertEventKind.Degraded && e.Text == "still degraded: certificate expires in 4 days (dc01:636 from web01)");
        Assert.Equal(EdgeCondition.Degraded, _board.Flows[Ldaps.Id].Condition);
    }

    /// <summary>Links degraded while the edge was broken are not named once it is well.</summary>
    [Fact]
    public void Evaluate_BrokenThenOk_RecoveredMailNamesNoDegradedLinks()
    {
        Run("bbb" + new string('d', 13) + "bbbooo");

        Assert.Equal(NoticeKind.Recovered, _mailed[^1].Kind);

        Assert.Empty(_mailed[^1].Status.Degraded);
    }

    [Fact]
    public void Evaluate_DegradedStateSurvivesASerialisationRoundTrip()
    {
        Run("ddd");
        var json = System.Text.Json.JsonSerializer.Serialize(_board);

        _board = System.Text.Json.JsonSerializer.Deserialize<AlertBoardState>(json)!;
        for (var i = 3; i < 6; i++) At(Step * i, In(Ldaps, Ok()));

        var cleared = _mailed[^1];
        Assert.Equal(NoticeKind.Cleared, cleared.Kind);
        Assert.Equal("certificate expires in 4 days", Assert.Single(cleared.Status.Degraded).Cause);
    }

    /// <summary>Moves the clock, then evaluates the given edges (others keep their state).</summary>
    private IReadOnlyList<AlertNotice> At(TimeSpan offset, params EdgeAlertInput[] inputs)
    {
        _now = T0 + offset;
        var tick = _engine.Evaluate(_board, inputs, _now);
        _board = tick.State;
        _mailed.AddRange(tick.Notices);
        _events.AddRange(tick.Events);
        return tick.Notices;
    }

    /// <summary>Evaluates every <paramref name="step"/> from <paramref name="from"/> to <paramref name="to"/> with the same edges.</summary>
    private void Every(TimeSpan step, TimeSpan from, TimeSpan to, params EdgeAlertInput[] inputs)
    {
        for (var t = from; t <= to; t += step) At(t, inputs);
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static EdgeAlertInput In(Flow flow, EdgeAlertStatus status, string? silencedBy = null) => new(flow, status, silencedBy);

    [Fact]
    public void Evaluate_EdgeBreaks_OneBrokenMailAfterTheGroupingWindow()
    {
        Assert.Empty(At(S(0), In(Sql, Broken(T0.AddMinutes(-2)))));
        Assert.Empty(At(S(30), In(Sql, Broken(T0.AddMinutes(-2)))));
        var sent = At(S(60), In(Sql, Broken(T0.AddMinutes(-2))));
        Every(S(10), S(70), S(600), In(Sql, Broken(T0.AddMinutes(-2))));

        var notice = Assert.Single(_mailed);
        Assert.Same(notice, Assert.Single(sent));
        Assert.Equal(NoticeKind.Broken, notice.Kind);
        Assert.Equal(T0.AddMinutes(-2), notice.Since);
        Assert.Equal(Sql, notice.Flow);
        Assert.Equal(AlertEventKind.Opened, _events[0].Kind);
        Assert.Equal(notice.AlertKey, _events[0].AlertKey);
    }

    [Fact]
    public void Evaluate_EdgeRecovers_OneRecoveredMailWithTheOutageLength()
    {
        var since = T0.AddMinutes(-2);
        Every(S(10), S(0), S(120), In(Sql, Broken(since)));
        Every(S(10), S(130), S(600), In(Sql, Ok(T0.AddSeconds(125))));

        Assert.Equal([NoticeKind.Broken, NoticeKind.Recovered], _mailed.Select(m => m.Kind));
        var recovered = _mailed[1];
        Assert.Equal(TimeSpan.FromSeconds(245), recovered.Outage);
        Assert.Equal("db01", Assert.Single(recovered.Status.Broken).TargetHost);
        Assert.False(_board.Flows[Sql.Id].IsOpen);
        Assert.Equal(AlertEventKind.Closed, _events[^1].Kind);
    }

    [Fact]
    public void Evaluate_LinkBreaksThenRecovers_RecoveredMailGivesEachHostItsFailingOutcomeAndTimes()
    {
        // The rule over real streaks, one run every 30 s, evaluated after each run: three timeouts break the link, the
        // first good run (still broken: recovery takes two) makes its current outcome Reachable, the second recovers it;
        // the mails wait out the 60 s grouping window.
        var rule = new AlertRule(BrokenAfter: 3, RecoveredAfter: 2, BrokenShare: 0);
        var streak = LinkStreak.New;
        var runs = new[] { ProbeOutcome.TimedOut, ProbeOutcome.TimedOut, ProbeOutcome.TimedOut, ProbeOutcome.TimedOut }
            .Concat(Enumerable.Repeat(ProbeOutcome.Reachable, 6)).ToArray();
        for (var i = 0; i < runs.Length; i++)
        {
            var at = S(30 * i);
            streak = streak.Apply(LinkRun.Of(runs[i], T0 + at), rule);
            var link = new AlertLink("web01", "db01", 1433, runs[i], runs[i] == ProbeOutcome.TimedOut ? "no answer in 3000 ms" : "connected", streak, Silent: false);
            At(at, In(Sql, EdgeAlertRule.Evaluate(Sql, true, rule, [link], MaintenanceCover.None, T0 + at)));
        }

        Assert.Equal([NoticeKind.Broken, NoticeKind.Recovered], _mailed.Select(m => m.Kind));
        var host = Assert.Single(_mailed[1].Status.Broken);
        Assert.Equal((ProbeOutcome.TimedOut, T0, T0.AddSeconds(150)), (host.Outcome, host.FailingSince, host.RecoveredAt));
        var text = AlertMail.Text([_mailed[1]], FlowCatalogue.Default, null);
        Assert.Contains("web01 \u2192 db01:1433 was TimedOut from 2026-11-25 12:00:00 UTC, reachable again at 2026-11-25 12:02:30 UTC (no answer in 3000 ms)", text);
        Assert.DoesNotContain("Reachable since", text);
    }

    [Fact]
    public void Evaluate_TwoEdgesBreakWithinTheWindow_GoOutInOneDigest()
    {
        At(S(0), In(Sql, Broken(T0)), In(Ldap, Ok()));
        At(S(40), In(Sql, Broken(T0)), In(Ldap, Broken(T0.AddSeconds(40))));
        var digest = At(S(60), In(Sql, Broken(T0)), In(Ldap, Broken(T0.AddSeconds(40))));

        Assert.Equal([Sql.Id, Ldap.Id], digest.Select(n => n.Flow.Id));
        Assert.Equal(2, _mailed.Count);
    }

    [Fact]
    public void Evaluate_BreaksAndRecoversWithinTheWindow_NoMailAndTheAlertIsClosed()
    {
        At(S(0), In(Sql, Broken(T0)));
        At(S(30), In(Sql, Ok(T0.AddSeconds(25))));
        Every(S(10), S(40), S(300), In(Sql, Ok(T0.AddSeconds(25))));

        Assert.Empty(_mailed);
        Assert.Equal([AlertEventKind.Opened, AlertEventKind.Recovered, AlertEventKind.Closed], _events.Select(e => e.Kind));
        Assert.Equal("closed: recovered before any mail went out", _events[^1].Text);
    }

    [Fact]
    public void Evaluate_ZeroGroupingWindow_MailsAtOnce()
    {
        _engine = new AlertEngine(Settings with { GroupingWindow = TimeSpan.Zero });

        Assert.Equal(NoticeKind.Broken, Assert.Single(At(S(0), In(Sql, Broken(T0)))).Kind);
    }

    [Fact]
    public void Evaluate_StaysBroken_RemindsAtMostEveryInterval()
    {
        Every(TimeSpan.FromMinutes(5), S(0), TimeSpan.FromHours(9), In(Sql, Broken(T0)));

        Assert.Equal([NoticeKind.Broken, NoticeKind.Reminder, NoticeKind.Reminder], _mailed.Select(m => m.Kind));
        // Broken mailed after the 60 s window (at 5 min, the first tick past it); reminders 4 h after each mail, within a tick and a window.
        Assert.Equal(T0.AddMinutes(5), _mailed[0].At);
        Assert.True(_mailed[1].At - _mailed[0].At >= TimeSpan.FromHours(4));
        Assert.True(_mailed[2].At - _mailed[1].At >= TimeSpan.FromHours(4));
    }

    [Fact]
    public void Acknowledge_OpenAlert_StopsTheReminders()
    {
        Every(TimeSpan.FromMinutes(5), S(0), TimeSpan.FromMinutes(10), In(Sql, Broken(T0)));
        var key = _board.Flows[Sql.Id].AlertKey!;

        var tick = AlertEngine.Acknowledge(_board, key, "ops.jane", "firewall change CHG-42", _now, out var error);
        _board = tick!.State;
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(12), In(Sql, Broken(T0)));

        Assert.Null(error);
        Assert.Equal("acknowledged by ops.jane: firewall change CHG-42; no more reminders", Assert.Single(tick.Events).Text);
        Assert.Equal([NoticeKind.Broken], _mailed.Select(m => m.Kind));
    }

    [Fact]
    public void Acknowledge_AfterRecovery_NextOutageRemindsAgain()
    {
        Every(TimeSpan.FromMinutes(5), S(0), TimeSpan.FromMinutes(10), In(Sql, Broken(T0)));
        _board = AlertEngine.Acknowledge(_board, _board.Flows[Sql.Id].AlertKey!, "ops", null, _now, out _)!.State;
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(25), In(Sql, Ok()));
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(5), In(Sql, Broken(T0.AddMinutes(30))));

        Assert.Equal([NoticeKind.Broken, NoticeKind.Recovered, NoticeKind.Broken, NoticeKind.Reminder], _mailed.Select(m => m.Kind));
    }

    [Fact]
    public void Acknowledge_UnknownAlert_SaysSo()
    {
        Assert.Null(AlertEngine.Acknowledge(_board, "website-shoppingdb-sql@1", "ops", null, T0, out var error));
        Assert.Equal("alert 'website-shoppingdb-sql@1' is not open (it recovered or never existed).", error);
    }

    [Fact]
    public void Evaluate_Flapping_OneFlappingMailThenOneRecoveredWhenItSettles()
    {
        // Broken and well again every two minutes for twenty minutes.
        for (var minute = 0; minute < 20; minute++)
        {
            var status = minute / 2 % 2 == 0 ? Broken(T0.AddMinutes(minute)) : Ok(T0.AddMinutes(minute));
            At(TimeSpan.FromMinutes(minute), In(Sql, status));
        }

        // Then well for good: after a whole flap window without a change it settles and says so once.
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(150), In(Sql, Ok(T0.AddMinutes(19))));

        // The fourth change within the flap window (minute 6) makes it flapping: one flapping mail instead of the rest.
        Assert.Equal([NoticeKind.Broken, NoticeKind.Recovered, NoticeKind.Broken, NoticeKind.Flapping, NoticeKind.Recovered], _mailed.Select(m => m.Kind));
        Assert.Equal(TimeSpan.FromMinutes(7), _mailed[3].At - T0);
        Assert.Single(_events, e => e.Kind == AlertEventKind.FlappingStarted);
        Assert.Single(_events, e => e.Kind == AlertEventKind.FlappingEnded);
        Assert.Equal(2, _events.Count(e => e.Kind == AlertEventKind.Opened));
        Assert.False(_board.Flows[Sql.Id].IsOpen);
    }

    [Fact]
    public void Evaluate_NoFlapDamping_MailsEveryChange()
    {
        _engine = new AlertEngine(Settings with { FlapWindow = TimeSpan.Zero, GroupingWindow = TimeSpan.Zero });

        for (var minute = 0; minute < 8; minute++)
            At(TimeSpan.FromMinutes(minute), In(Sql, minute % 2 == 0 ? Broken(T0.AddMinutes(minute)) : Ok(T0.AddMinutes(minute))));

        Assert.Equal(8, _mailed.Count);
    }

    [Fact]
    public void Evaluate_BreaksDuringMaintenance_NoMailUntilItEndsThenOneBrokenMail()
    {
        const string why = "maintenance: patching";
        Every(TimeSpan.FromMinutes(1), S(0), TimeSpan.FromMinutes(30), In(Sql, Broken(T0), why));
        Assert.Empty(_mailed);

        Every(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(31), TimeSpan.FromMinutes(40), In(Sql, Broken(T0)));

        Assert.Equal(NoticeKind.Broken, Assert.Single(_mailed).Kind);
        Assert.Contains(_events, e => e.Kind == AlertEventKind.Silenced && e.Text == $"mail silenced ({why})");
        Assert.Contains(_events, e => e.Kind == AlertEventKind.Unsilenced);
    }

    [Fact]
    public void Evaluate_BreaksAndRecoversDuringMaintenance_NoMailAtAll()
    {
        const string why = "maintenance: weekly reboot";
        Every(TimeSpan.FromMinutes(1), S(0), TimeSpan.FromMinutes(10), In(Sql, Broken(T0), why));
        Every(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(11), TimeSpan.FromMinutes(20), In(Sql, Ok(T0.AddMinutes(11)), why));
        Every(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(21), TimeSpan.FromMinutes(60), In(Sql, Ok(T0.AddMinutes(11))));

        Assert.Empty(_mailed);
        Assert.False(_board.Flows[Sql.Id].IsOpen);
    }

    [Fact]
    public void Evaluate_MaintenanceSilencesRemindersAndRecoveryUntilItEnds()
    {
        Every(TimeSpan.FromMinutes(5), S(0), TimeSpan.FromMinutes(10), In(Sql, Broken(T0)));
        const string why = "maintenance: firewall work";
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(6), In(Sql, Broken(T0), why));
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromHours(6.1), TimeSpan.FromHours(7), In(Sql, Ok(T0.AddHours(6)), why));
        Assert.Equal([NoticeKind.Broken], _mailed.Select(m => m.Kind));

        Every(TimeSpan.FromMinutes(5), TimeSpan.FromHours(7.1), TimeSpan.FromHours(8), In(Sql, Ok(T0.AddHours(6))));

        Assert.Equal([NoticeKind.Broken, NoticeKind.Recovered], _mailed.Select(m => m.Kind));
        Assert.Equal(TimeSpan.FromHours(6), _mailed[1].Outage);
    }

    [Fact]
    public void Evaluate_AgentGoesSilentWhileBroken_NoRecoveredMailAndNoReminders()
    {
        Every(TimeSpan.FromMinutes(5), S(0), TimeSpan.FromMinutes(10), In(Sql, Broken(T0)));
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(10), In(Sql, NoData()));

        Assert.Equal([NoticeKind.Broken], _mailed.Select(m => m.Kind));
        Assert.True(_board.Flows[Sql.Id].IsOpen);
        Assert.Contains(_events, e => e.Kind == AlertEventKind.NoData && e.Text.StartsWith("no data (1 link(s) silent)", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SilentAgentsNeverBrokenLinks_NoAlertAtAll()
    {
        Every(TimeSpan.FromMinutes(1), S(0), TimeSpan.FromHours(1), In(Sql, NoData()));

        Assert.Empty(_mailed);
        Assert.Empty(_events);
    }

    [Fact]
    public void Evaluate_SilentAgentComesBackHealthy_OneRecoveredMail()
    {
        Every(TimeSpan.FromMinutes(5), S(0), TimeSpan.FromMinutes(10), In(Sql, Broken(T0)));
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), In(Sql, NoData()));
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(35), TimeSpan.FromMinutes(50), In(Sql, Ok(T0.AddMinutes(34))));

        Assert.Equal([NoticeKind.Broken, NoticeKind.Recovered], _mailed.Select(m => m.Kind));
    }

    [Fact]
    public void Evaluate_StateSurvivesASerialisationRoundTrip()
    {
        Every(TimeSpan.FromMinutes(5), S(0), TimeSpan.FromMinutes(10), In(Sql, Broken(T0)));
        var json = System.Text.Json.JsonSerializer.Serialize(_board);

        _board = System.Text.Json.JsonSerializer.Deserialize<AlertBoardState>(json)!;
        Every(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), In(Sql, Ok(T0.AddMinutes(14))));

        Assert.Equal([NoticeKind.Broken, NoticeKind.Recovered], _mailed.Select(m => m.Kind));
        Assert.Equal(TimeSpan.FromMinutes(14), _mailed[1].Outage);
    }
}
