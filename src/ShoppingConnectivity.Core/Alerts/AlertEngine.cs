using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// The alert rules over time: one mail when an edge breaks and one when it recovers, grouped within a window,
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
                    AlertKey = $"{flowId}@{now.UtcTicks}", // the opening time: unique per flow, even when the outage start repeats
                    Since = since,
                    Transitions = [.. s.Transitions, now],
                };
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Opened, now, $"broken: {status.Why}"));
                break;
            }
            case EdgeCondition.Broken when previous != EdgeCondition.Broken:
                events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.BrokenAgain, now, $"broken again: {status.Why}"));
                s = s with { Transitions = [.. s.Transitions, now], RecoveredAt = null };
                break;
            case EdgeCondition.Ok when s.IsOpen && previous != EdgeCondition.Ok:
            {
                var recoveredAt = status.RecoveredAt is { } r && r >= s.Since ? r : now;
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
        else if (condition == EdgeCondition.Ok && s.IsOpen && s.LastBroken is { } last) s = s with { LastBroken = WithRecoveries(last, status) };

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

        if (s.IsOpen && condition == EdgeCondition.Ok && !s.Notified && !s.Flapping)
        {
            events.Add(new AlertEvent(s.AlertKey!, flowId, AlertEventKind.Closed, now,
                s.LastNoticeAt is null ? "closed: recovered before any mail went out" : "closed"));
            s = s.Closed();
        }

        return s;
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
        if (s.Condition == EdgeCondition.Ok && s.Notified) return NoticeKind.Recovered;
        if (s.Condition == EdgeCondition.Broken && !s.Acknowledged && settings.ReminderInterval > TimeSpan.Zero
            && s.LastNoticeAt is { } last && now - last >= settings.ReminderInterval)
            return NoticeKind.Reminder;
        return null;
    }

    private static FlowAlertState Emit(FlowAlertState s, EdgeAlertInput input, NoticeKind kind, DateTimeOffset now, List<AlertNotice> notices, List<AlertEvent> events)
    {
        var status = kind == NoticeKind.Recovered ? s.LastBroken ?? input.Status : input.Status;
        notices.Add(new AlertNotice(kind, s.AlertKey!, input.Flow, status, s.Since!.Value, kind == NoticeKind.Recovered ? s.RecoveredAt : null, now));
        events.Add(new AlertEvent(s.AlertKey!, s.FlowId, AlertEventKind.NoticeQueued, now, $"{kind.ToString().ToLowerInvariant()} mail queued"));
        switch (kind)
        {
            case NoticeKind.Broken:
                return s with { Notified = true, LastNoticeAt = now };
            case NoticeKind.Flapping:
                return s with { Notified = true, FlapNoticeSent = true, LastNoticeAt = now };
            case NoticeKind.Reminder:
                return s with { LastNoticeAt = now };
            default:
                events.Add(new AlertEvent(s.AlertKey!, s.FlowId, AlertEventKind.Closed, now, "closed"));
                return s.Closed();
        }
    }
}
