using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// The alert rules over time: one mail when an edge breaks and one when it recovers, one when it turns degraded and one
/// when it no longer is (never reminded), grouped within a window,
/// reminders while it stays broken and unacknowledged, flapping edges damped, maintenance silencing mail,
/// edges without data (silent agents) holding still. Pure: the caller hands in the time and keeps the state.
/// </summary>
public sealed class AlertEngine(AlertSettings settings)
{
    public AlertSettings Settings => settings;

    public AlertTick Evaluate(AlertBoardState board, IEnumerable<EdgeAlertInput> inputs, DateTimeOffset now)
    {
        var flows = new Dictionary<string, FlowAlertState>(board.Flows, StringComparer.Ordinal);
        var events = new List<AlertEvent>();
        var pending = new List<(EdgeAlertInput Input, NoticeKind Kind)>();
        foreach (var input in inputs)
        {
            var state = flows.GetValueOrDefault(input.Flow.Id) ?? new FlowAlertState { FlowId = input.Flow.Id };
            state = Observe(state, input, now, events);
            flows[input.Flow.Id] = state;
            if (Due(state, now) is { } kind) pending.Add((input, kind));
        }

        var notices = new List<AlertNotice>();
        var digestOpenedAt = board.DigestOpenedAt;
        if (pending.Count == 0)
        {
            digestOpenedAt = null;
        }
        else
        {
            digestOpenedAt ??= now;
            if (now - digestOpenedAt.Value >= settings.GroupingWindow)
            {
                foreach (var (input, kind) in pending)
                {
                    flows[input.Flow.Id] = Emit(flows[input.Flow.Id], input, kind, now, notices, events);
                }

                digestOpenedAt = null;
            }
        }

        return new AlertTick(new AlertBoardState(flows, digestOpenedAt), events, notices);
    }

    /// <summary>Stops the reminders of an open alert. Returns null with <paramref name="error"/> when there is no such open alert.</summary>
    public static AlertTick? Acknowledge(AlertBoardState board, string alertKey, string by, string? note, DateTimeOffset now, out string? error)
    {
        var state = board.Flows.Values.FirstOrDefault(f => f.AlertKey == alertKey);
        if (state is null)
        {
            error = $"alert '{alertKey}' is not open (it recovered or never existed).";
            return null;
        }

        error = null;
        if (state.Acknowledged) return new AlertTick(board, [], []);
        var flows = new Dictionary<string, FlowAlertState>(board.Flows, StringComparer.Ordinal)
        {
            [state.FlowId] = state with { Acknowledged = true },
        };
        var text = $"acknowledged by {by}" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note.Trim()}") + "; no more reminders";
        return new AlertTick(board with { Flows = flows }, [new AlertEvent(alertKey, state.FlowId, AlertEventKind.Acknowledged, now, text)], []);
    }

    private FlowAlertState Observe(FlowAlertState s, EdgeAlertInput input, DateTimeOffset now, List<AlertEvent> events)
    {
        var status = input.Status;
        var condition = status.Condition;
        var previous = s.Condition;
        var flowId = input.Flow.Id;
        switch (condition)
        {
            case EdgeCondition.Broken when !s.IsOpen:
            {
                var since = status.FailingSince ?? now;
                s = s.Closed() with
                {
                    AlertKey = NewKey(flowId, now),
                    Since = since,
                    Transitions = [.. s.Transitions, now],
                };
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Opened, now, $"broken: {status.Why}"));
                break;
            }
            case EdgeCondition.Broken when previous != EdgeCondition.Broken:
                if (s.LastBroken is null)
                {
                    // Opened as degraded, never broken until now: the same alert goes on as broken, from when it broke.
                    events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Broken, now, $"broken: {status.Why} (it was degraded)"));
                    s = s with { Since = status.FailingSince ?? now };
                }
                else
                {
                    events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.BrokenAgain, now, $"broken again: {status.Why}"));
                }

                s = s with { Transitions = [.. s.Transitions, now], RecoveredAt = null, DegradedSince = null, ClearedAt = null };
                break;
            case EdgeCondition.Degraded when !s.IsOpen:
                s = s.Closed() with { AlertKey = NewKey(flowId, now), Since = now, DegradedSince = now };
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Opened, now, $"degraded: {DegradedWhy(status)}"));
                break;
            case EdgeCondition.Degraded when s.InOutage:
            {
                // Reachable again, but degraded: it recovered from the outage, and the alert goes on as degraded.
                var recoveredAt = RecoveredAt(s, status, now);
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Recovered, now,
                    $"recovered: reachable again (outage {Durations.Describe(recoveredAt - s.Since!.Value)})"));
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Degraded, now, $"still degraded: {DegradedWhy(status)}"));
                s = s with { Transitions = [.. s.Transitions, now], RecoveredAt = recoveredAt, DegradedSince = now, ClearedAt = null };
                break;
            }
            case EdgeCondition.Degraded when s.IsOpen && !s.InDegradation:
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Degraded, now, $"degraded: {DegradedWhy(status)}"));
                s = s with { DegradedSince = now, ClearedAt = null };
                break;
            case EdgeCondition.Ok when s.IsOpen && previous != EdgeCondition.Ok && !s.InOutage && s.InDegradation:
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Cleared, now, $"no longer degraded: {status.Why}"));
                s = s with { ClearedAt = now };
                break;
            case EdgeCondition.Ok when s.IsOpen && previous != EdgeCondition.Ok && s.LastBroken is not null:
            {
                var recoveredAt = RecoveredAt(s, status, now);
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Recovered, now,
                    $"recovered: {status.Why} (outage {Durations.Describe(recoveredAt - s.Since!.Value)})"));
                s = s with { Transitions = [.. s.Transitions, now], RecoveredAt = recoveredAt };
                break;
            }
            case EdgeCondition.NoData when s.IsOpen && previous != EdgeCondition.NoData:
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.NoData, now, $"no data ({status.Why}): held, no mail until links report"));
                break;
        }

        s = s with { Condition = condition };
        if (condition == EdgeCondition.Broken) s = s with { LastBroken = KeepFailingOutcomes(s.LastBroken, status) };
        else if (condition is EdgeCondition.Ok or EdgeCondition.Degraded && s.IsOpen && s.LastBroken is { } last) s = s with { LastBroken = WithRecoveries(last, status) };
        if (condition == EdgeCondition.Degraded) s = s with { LastDegraded = status };

        if (s.IsOpen && input.SilencedBy != s.SilencedBy)
        {
            events.Add(input.SilencedBy is null
                ? new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Unsilenced, now, $"mail on again ({s.SilencedBy} ended)")
                : new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Silenced, now, $"mail silenced ({input.SilencedBy})"));
        }

        s = s with { SilencedBy = input.SilencedBy };

        if (settings.FlapWindow > TimeSpan.Zero && s.Transitions.Count > 0)
        {
            var recent = s.Transitions.Where(t => now - t < settings.FlapWindow).ToList();
            s = s with { Transitions = recent };
            if (s.IsOpen && !s.Flapping && recent.Count >= settings.FlapTransitions)
            {
                s = s with { Flapping = true };
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.FlappingStarted, now,
                    $"flapping: {recent.Count} changes within {Durations.Describe(settings.FlapWindow)}; single changes are not mailed until it settles"));
            }
            else if (s.Flapping && recent.Count == 0)
            {
                s = s with { Flapping = false, FlapNoticeSent = false };
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.FlappingEnded, now,
                    $"settled: no change for {Durations.Describe(settings.FlapWindow)}, now {condition}"));
            }
        }
        else if (settings.FlapWindow <= TimeSpan.Zero)
        {
            s = s with { Transitions = [] };
        }

        if (s.IsOpen && condition == EdgeCondition.Ok && !s.Notified && !s.DegradedNotified && !s.Flapping)
        {
            events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Closed, now,
                s.LastNoticeAt is not null ? "closed"
                : s.LastBroken is null ? "closed: no longer degraded before any mail went out"
                : "closed: recovered before any mail went out"));
            s = s.Closed();
        }

        return s;
    }

    /// <summary>The opening time makes the key: unique per flow, even when the outage start repeats.</summary>
    private static string NewKey(string flowId, DateTimeOffset now) => $"{flowId}@{now.UtcTicks}";

    private static DateTimeOffset RecoveredAt(FlowAlertState s, EdgeAlertStatus status, DateTimeOffset now) =>
        status.RecoveredAt is { } r && r >= s.Since ? r : now;

    /// <summary>"certificate expires in 4 days (dc01:636 from web01)", "... (dc01:636 from web01 and 2 more)".</summary>
    private static string DegradedWhy(EdgeAlertStatus status)
    {
        if (status.Degraded.Count == 0) return status.Why;
        var first = status.Degraded[0];
        var more = status.Degraded.Count > 1 ? $" and {status.Degraded.Count - 1} more" : "";
        return $"{first.Cause} ({first.TargetHost}:{first.Port} from {first.SourceHost}{more})";
    }

    /// <summary>
    /// The edge as broken now, each link with what it failed with: a link still counted broken whose last run was good
    /// (recovery takes several good runs) keeps the outcome it had, so the mails do not call a broken link Reachable.
    /// </summary>
    private static EdgeAlertStatus KeepFailingOutcomes(EdgeAlertStatus? previous, EdgeAlertStatus status)
    {
        var failed = previous is null ? null : ByLink(previous.Broken.Where(b => b.Outcome != ProbeOutcome.Reachable));
        var broken = status.Broken.Select(b => b.Outcome == ProbeOutcome.Reachable && failed?.GetValueOrDefault(Key(b)) is { } before
            ? b with { Outcome = before.Outcome, Detail = before.Detail }
            : b).ToList();
        return status with { Broken = broken, Recovered = [] };
    }

    /// <summary>The links that were broken, each with when it counted healthy again (kept from the first time it is seen).</summary>
    private static EdgeAlertStatus WithRecoveries(EdgeAlertStatus last, EdgeAlertStatus status)
    {
        if (status.Recovered.Count == 0 || last.Broken.All(b => b.RecoveredAt is not null)) return last;
        var recovered = ByLink(status.Recovered);
        return last with
        {
            Broken = last.Broken.Select(b => b.RecoveredAt is null && recovered.GetValueOrDefault(Key(b))?.RecoveredAt is { } at && (b.FailingSince is null || at >= b.FailingSince)
                ? b with { RecoveredAt = at }
                : b).ToList(),
        };
    }

    private static (string Source, string Target, int Port) Key(BrokenLink link) => (link.SourceHost, link.TargetHost, link.Port);

    private static Dictionary<(string Source, string Target, int Port), BrokenLink> ByLink(IEnumerable<BrokenLink> links)
    {
        var byLink = new Dictionary<(string Source, string Target, int Port), BrokenLink>();
        foreach (var link in links) byLink.TryAdd(Key(link), link);
        return byLink;
    }

    /// <summary>The notice this alert owes its recipients now, if any.</summary>
    private NoticeKind? Due(FlowAlertState s, DateTimeOffset now)
    {
        if (!s.IsOpen || s.SilencedBy is not null || s.Condition == EdgeCondition.NoData) return null;
        if (s.Flapping) return s.FlapNoticeSent ? null : NoticeKind.Flapping;
        if (s.Condition == EdgeCondition.Broken && !s.Notified) return NoticeKind.Broken;
        // Recovered to degraded is recovered too: the mail says what is still degraded, and counts as telling it.
        if (s.Condition is EdgeCondition.Ok or EdgeCondition.Degraded && s.Notified) return NoticeKind.Recovered;
        // Degraded is told once, never reminded: a certificate warning once is enough (the diagram stays amber, and the
        // mail says when it bites); acknowledging is not needed to stop it.
        if (s.Condition == EdgeCondition.Degraded && !s.DegradedNotified) return NoticeKind.Degraded;
        if (s.Condition == EdgeCondition.Ok && s.DegradedNotified) return NoticeKind.Cleared;
        if (s.Condition == EdgeCondition.Broken && !s.Acknowledged && settings.ReminderInterval > TimeSpan.Zero
            && s.LastNoticeAt is { } last && now - last >= settings.ReminderInterval)
            return NoticeKind.Reminder;
        return null;
    }

    private static FlowAlertState Emit(FlowAlertState s, EdgeAlertInput input, NoticeKind kind, DateTimeOffset now, List<AlertNotice> notices, List<AlertEvent> events)
    {
        var (status, since, recoveredAt) = kind switch
        {
            // The links that were broken, and those still degraded if it recovered to degraded.
            NoticeKind.Recovered => ((s.LastBroken ?? input.Status) with { Degraded = s.Condition == EdgeCondition.Degraded ? input.Status.Degraded : [] },
                s.Since!.Value, s.RecoveredAt),
            NoticeKind.Degraded => (input.Status, s.DegradedSince ?? s.Since!.Value, null),
            NoticeKind.Cleared => (s.LastDegraded ?? input.Status, s.DegradedSince ?? s.Since!.Value, s.ClearedAt),
            _ => (input.Status, s.Since!.Value, (DateTimeOffset?)null),
        };
        notices.Add(new AlertNotice(kind, s.AlertKey!, input.Flow, status, since, recoveredAt, now));
        events.Add(new AlertEvent(s.AlertKey!, s.FlowId, AlertEventKind.NoticeQueued, now, $"{kind.ToString().ToLowerInvariant()} mail queued"));
        switch (kind)
        {
            case NoticeKind.Broken:
                return s with { Notified = true, LastNoticeAt = now };
            case NoticeKind.Flapping:
                return s with { Notified = true, FlapNoticeSent = true, LastNoticeAt = now };
            case NoticeKind.Reminder:
                return s with { LastNoticeAt = now };
            case NoticeKind.Degraded:
                return s with { DegradedNotified = true, LastNoticeAt = now };
            case NoticeKind.Recovered when s.Condition == EdgeCondition.Degraded:
                // Still degraded: the alert stays open as degraded; the recovered mail told them so, the cleared one ends it.
                return s with { Notified = false, DegradedNotified = true, LastNoticeAt = now };
            default:
                events.Add(new AlertEvent(s.AlertKey!, s.FlowId, AlertEventKind.Closed, now, "closed"));
                return s.Closed();
        }
    }
}
