using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts.Channels;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Alerts.Channels;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// Runs the alert rules over the live links (Quartz job AlertEvaluationJob) and records what they decide: alerts and
/// their state changes, the engine's state and the mails to send, all in one transaction, so a crash neither loses
/// nor repeats a mail. The mails go to the outbox table; AlertDelivery sends them.
/// </summary>
public sealed class AlertEvaluator(
    IDbContextFactory<CentralDbContext> dbFactory,
    LiveState live,
    LinkStreaks streaks,
    EstateStore estate,
    AlertRules rules,
    MaintenanceStore maintenance,
    AlertChannels channels,
    IOptions<CentralOptions> central,
    TimeProvider clock,
    IOptions<DatabaseOptions> database,
    ILogger<AlertEvaluator> logger)
{
    /// <summary>
    /// Several central nodes share a PostgreSQL database: evaluations run on whichever node the clustered scheduler
    /// picks and acknowledgements on any, so the saved state is read again before each use rather than trusted from memory.
    /// </summary>
    private readonly bool _shared = database.Value.ProviderKind == DatabaseProvider.PostgreSql;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AlertEngine _engine = new(rules.Settings);
    private AlertBoardState _board = AlertBoardState.Empty;
    private string? _savedJson;

    /// <summary>The engine's state after the last evaluation.</summary>
    public AlertBoardState Board => Volatile.Read(ref _board);

    /// <summary>Reads the engine's state saved by the last evaluation before a restart.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.AlertBoard.AsNoTracking().FirstOrDefaultAsync(b => b.Id == 1, cancellationToken);
        if (record is null) return;
        try
        {
            _board = JsonSerializer.Deserialize<AlertBoardState>(record.StateJson, Json) ?? AlertBoardState.Empty;
            _savedJson = record.StateJson;
        }
        catch (JsonException ex)
        {
            // Open alerts stay in the history; the engine opens new ones for edges still broken.
            logger.LogError(ex, "The saved alert state could not be read; alert evaluation starts afresh.");
        }
    }

    /// <summary>One evaluation of every edge at the current time.</summary>
    public async Task<AlertTick> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_shared) await LoadAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var inputs = await InputsAsync(now, cancellationToken);
            var tick = _engine.Evaluate(_board, inputs, now);
            await SaveAsync(tick, now, cancellationToken);
            return tick;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Acknowledges an open alert from the UI: its reminders stop. Returns the problem, or null when done.</summary>
    public async Task<string?> AcknowledgeAsync(long alertId, string by, string? note, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(by)) return "name: say who acknowledges (it shows in the alert history).";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_shared) await LoadAsync(cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var key = await db.Alerts.Where(a => a.Id == alertId).Select(a => a.Key).FirstOrDefaultAsync(cancellationToken);
            if (key is null) return $"alert {alertId} does not exist.";
            var tick = AlertEngine.Acknowledge(_board, key, by.Trim(), note, clock.GetUtcNow(), out var error);
            if (tick is null) return error;
            await SaveAsync(tick, clock.GetUtcNow(), cancellationToken, alert =>
            {
                alert.AcknowledgedBy = by.Trim();
                alert.AcknowledgeNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            });
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<EdgeAlertInput>> InputsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cover = MaintenanceCover.At(await maintenance.ListAsync(cancellationToken), now);
        // The live state's thresholds: silence counted as the dashboard counts it, from central's start at the earliest.
        var thresholds = live.Thresholds;
        var current = estate.Current;
        var inputs = new List<EdgeAlertInput>(rules.Catalogue.Flows.Count);
        foreach (var flow in rules.Catalogue.Flows)
        {
            var anyStreak = streaks.AnyIn(flow.Id);
            // A link without a fresh result (its agent silent) is left out: its edge goes grey, it does not alert.
            var links = live.LinksOf(flow.Id).Select(l => new AlertLink(l.AgentId, l.TargetHost, l.Port, l.Outcome, l.Detail,
                anyStreak ? streaks.Get(l.AgentId, l.ProbeId) : LinkStreak.New, EdgeAggregator.IsStale(l, now, thresholds), l.Degraded));
            // A flow with no host at one end is not in this estate: like a flow switched off, it never alerts.
            var inEstate = flow.IsEnabled(current.Switches) && EstateCoverage.Missing(flow, current, rules.Catalogue) is null;
            var status = EdgeAlertRule.Evaluate(flow, inEstate, rules.For(flow.Id), links, cover, now);
            inputs.Add(new EdgeAlertInput(flow, status, cover.Silences(flow.Id)));
        }

        return inputs;
    }

    private async Task SaveAsync(AlertTick tick, DateTimeOffset now, CancellationToken cancellationToken, Action<AlertRecord>? change = null)
    {
        var json = JsonSerializer.Serialize(tick.State, Json);
        if (tick.Events.Count == 0 && tick.Notices.Count == 0 && json == _savedJson)
        {
            _board = tick.State;
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var keys = tick.Events.Select(e => e.AlertKey).Concat(tick.Notices.Select(n => n.AlertKey)).Distinct().ToList();
        var alerts = await db.Alerts.Where(a => keys.Contains(a.Key)).ToDictionaryAsync(a => a.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var e in tick.Events)
        {
            var state = tick.State.Flows.GetValueOrDefault(e.FlowId);
            if (!alerts.TryGetValue(e.AlertKey, out var alert))
            {
                alert = new AlertRecord
                {
                    Key = e.AlertKey,
                    FlowId = e.FlowId,
                    Edge = rules.Catalogue.FindFlow(e.FlowId) is { } f ? AlertMail.EdgeName(f, rules.Catalogue, PortsOf(f)) : e.FlowId,
                    State = "Open",
                    Condition = EdgeCondition.Broken.ToString(),
                    OpenedAt = e.At,
                    Since = state?.Since ?? e.At,
                };
                alerts[e.AlertKey] = alert;
                db.Alerts.Add(alert);
            }

            Apply(alert, e, state);
            change?.Invoke(alert);
            alert.Events.Add(new AlertEventRecord { At = e.At, Kind = e.Kind.ToString(), Text = e.Text });
        }

        if (tick.Notices.Count > 0)
        {
            // The mails link to each alert's page by its id: a new alert gets its id here, in the same transaction.
            await db.SaveChangesAsync(cancellationToken);
            // A new mail queues behind any still waiting for the server, so mails keep their order.
            var queueFreeAt = await db.AlertMessages.Where(m => m.Status == AlertMessageRecord.Pending)
                .Select(m => (DateTimeOffset?)m.NextAttemptAt).MaxAsync(cancellationToken);
            var nextAttempt = queueFreeAt is { } q && q > now ? q : now;
            // The suspects as the diagram names them now, from the same live links the notices were judged on.
            var marks = live.Blame;
            foreach (var mail in AlertMail.Compose(tick.Notices, rules.Settings.Recipients, rules.Catalogue, central.Value.PublicUrl, PortsOf,
                         key => alerts.TryGetValue(key, out var a) ? a.Id : null, marks))
            {
                var message = new AlertMessageRecord
                {
                    CreatedAt = now,
                    Kinds = string.Join(",", mail.Notices.Select(n => n.Kind).Distinct()),
                    Recipients = string.Join(",", mail.Recipients),
                    Subject = mail.Subject,
                    TextBody = mail.Text,
                    HtmlBody = mail.Html,
                    Status = mail.Recipients.Count == 0 ? AlertMessageRecord.NoRecipients : AlertMessageRecord.Pending,
                    LastError = mail.Recipients.Count == 0 ? $"no recipients: set {AlertOptions.Section}:Recipients:Default (or per flow or role)." : null,
                    NextAttemptAt = nextAttempt,
                };
                foreach (var notice in mail.Notices)
                {
                    message.Alerts.Add(new AlertMessageAlert { Alert = alerts[notice.AlertKey], Kind = notice.Kind.ToString() });
                }

                db.AlertMessages.Add(message);
                if (mail.Recipients.Count == 0)
                    logger.LogWarning("Alert mail '{Subject}' has no recipients: set {Key}.", mail.Subject, $"{AlertOptions.Section}:Recipients:Default");
            }

            await QueueChannelMessagesAsync(db, tick.Notices, alerts, marks, now, cancellationToken);
        }

        var board = await db.AlertBoard.FirstOrDefaultAsync(b => b.Id == 1, cancellationToken);
        if (board is null) db.AlertBoard.Add(new AlertBoardRecord { StateJson = json, UpdatedAt = now });
        else
        {
            board.StateJson = json;
            board.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _board = tick.State;
        _savedJson = json;
        foreach (var e in tick.Events.Where(e => e.Kind is AlertEventKind.Opened or AlertEventKind.Closed or AlertEventKind.NoticeQueued))
            logger.LogInformation("Alert {AlertKey}: {Text}.", e.AlertKey, e.Text);
    }

    /// <summary>
    /// One message per enabled chat or webhook channel with the notices its filter lets through, queued behind the
    /// channel's waiting messages so that they keep their order.
    /// </summary>
    private async Task QueueChannelMessagesAsync(CentralDbContext db, IReadOnlyList<AlertNotice> all, Dictionary<string, AlertRecord> alerts,
        IReadOnlyList<BlameMark> marks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var channel in channels.All.Where(c => c.Enabled))
        {
            var notices = all.Where(n => channel.Filter.Matches(n.Flow)).ToList();
            if (notices.Count == 0) continue;
            var name = channel.Name;
            var freeAt = await db.ChannelMessages.Where(m => m.Channel == name && m.Status == ChannelMessageRecord.Pending)
                .Select(m => (DateTimeOffset?)m.NextAttemptAt).MaxAsync(cancellationToken);
            db.ChannelMessages.Add(new ChannelMessageRecord
            {
                Channel = name,
                ChannelKind = channel.Kind.ToString(),
                CreatedAt = now,
                Kinds = string.Join(",", notices.Select(n => n.Kind).Distinct()),
                AlertIds = string.Join(",", notices.Select(n => alerts[n.AlertKey].Id).Distinct()),
                Subject = AlertMail.Subject(notices, rules.Catalogue, PortsOf),
                Payload = ChannelPayload.Compose(channel.Kind, notices, rules.Catalogue, central.Value.PublicUrl, PortsOf,
                    key => alerts.TryGetValue(key, out var a) ? a.Id : null, marks),
                Status = ChannelMessageRecord.Pending,
                NextAttemptAt = freeAt is { } f && f > now ? f : now,
            });
        }
    }

    /// <summary>The ports the estate's plans probe for the flow: what the firewall team must open, named in the mail.</summary>
    private string PortsOf(Flow flow) => EdgePorts.Of(flow, estate.Current).Label;

    /// <summary>"a, b, c and 12 more": the first links an alert names, as the mail lists them.</summary>
    private static string HostList(IReadOnlyList<string> links) =>
        string.Join(", ", links.Take(AlertMail.MaxHostsListed))
        + (links.Count > AlertMail.MaxHostsListed ? $" and {links.Count - AlertMail.MaxHostsListed} more" : "");

    private static void SetLinks(AlertRecord alert, string links)
    {
        alert.Hosts = links;
        alert.Suspect = AlertRecord.SuspectOf(links);
    }

    private static void Apply(AlertRecord alert, AlertEvent e, FlowAlertState? state)
    {
        switch (e.Kind)
        {
            case AlertEventKind.Opened when state is { Condition: EdgeCondition.Degraded, LastBroken: null, LastDegraded: { } degraded }:
                // Opened as degraded (an evaluation that opens an alert cannot also break it): named with each link's cause.
                alert.Condition = EdgeCondition.Degraded.ToString();
                alert.Outcome = AlertRecord.DegradedOutcome;
                SetLinks(alert, HostList(degraded.Degraded.Select(d => $"{d.SourceHost} \u2192 {d.TargetHost}:{d.Port} ({d.Cause})").ToList()));
                break;
            case AlertEventKind.Opened or AlertEventKind.BrokenAgain or AlertEventKind.Broken:
                if (e.Kind == AlertEventKind.Broken && state?.Since is { } brokeAt) alert.Since = brokeAt; // broken since it broke, not since it was degraded
                alert.Condition = EdgeCondition.Broken.ToString();
                alert.RecoveredAt = null;
                if (state?.LastBroken is { } broken)
                {
                    alert.Outcome = broken.MainOutcome?.ToString();
                    SetLinks(alert, HostList(broken.Broken.Select(b => $"{b.SourceHost} \u2192 {b.TargetHost}:{b.Port}").ToList()));
                }

                break;
            case AlertEventKind.Recovered:
                alert.Condition = EdgeCondition.Ok.ToString();
                alert.RecoveredAt = state?.RecoveredAt ?? e.At;
                break;
            case AlertEventKind.Degraded:
                alert.Condition = EdgeCondition.Degraded.ToString();
                break;
            case AlertEventKind.Cleared:
                alert.Condition = EdgeCondition.Ok.ToString();
                alert.RecoveredAt ??= state?.ClearedAt ?? e.At; // an alert that broke keeps its recovery time
                break;
            case AlertEventKind.NoData:
                alert.Condition = EdgeCondition.NoData.ToString();
                break;
            case AlertEventKind.Silenced:
                alert.SilencedBy = state?.SilencedBy;
                break;
            case AlertEventKind.Unsilenced:
                alert.SilencedBy = null;
                break;
            case AlertEventKind.FlappingStarted:
                alert.Flapping = true;
                break;
            case AlertEventKind.FlappingEnded:
                alert.Flapping = false;
                break;
            case AlertEventKind.Acknowledged:
                alert.AcknowledgedAt = e.At;
                break;
            case AlertEventKind.NoticeQueued:
                alert.LastNoticeAt = e.At;
                break;
            case AlertEventKind.Closed:
                alert.State = "Closed";
                alert.ClosedAt = e.At;
                alert.RecoveredAt ??= e.At;
                alert.Condition = EdgeCondition.Ok.ToString();
                break;
        }
    }
}
