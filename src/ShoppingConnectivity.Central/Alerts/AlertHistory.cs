using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Reads alerts with their state changes and mails for the alert history page and each alert's own page.</summary>
public sealed class AlertHistory(IDbContextFactory<CentralDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// One page of the alert list: filtered, sorted (ties newest first) and paged in the database, so a page of 25 costs
    /// the same among 10,000 alerts as among 20; each row with its last mail.
    /// </summary>
    public async Task<AlertListPage> PageAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = Filter(db.Alerts.AsNoTracking(), query);
        var total = await alerts.CountAsync(cancellationToken);
        var rows = await Sort(alerts, query, clock.GetUtcNow())
            .Skip(Math.Max(0, query.Skip))
            .Take(Math.Clamp(query.Take, 1, AlertQuery.MaxTake))
            .Select(a => new AlertRow(
                a.Id, a.FlowId, a.Edge, a.State, a.Condition, a.Since, a.RecoveredAt, a.Outcome, a.Hosts, a.Flapping, a.SilencedBy,
                a.AcknowledgedAt, a.AcknowledgedBy,
                a.Messages.OrderByDescending(m => m.MessageId)
                    .Select(m => new AlertRowMail(m.MessageId, m.Message!.Status, m.Message.CreatedAt, m.Message.SentAt, m.Message.NextAttemptAt, m.Message.LastError))
                    .FirstOrDefault()) { Suspect = a.Suspect })
            .ToListAsync(cancellationToken);
        return new AlertListPage(rows, total);
    }

    /// <summary>How many alerts are open now.</summary>
    public async Task<int> OpenCountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Alerts.CountAsync(a => a.State == "Open", cancellationToken);
    }

    private static IQueryable<AlertRecord> Filter(IQueryable<AlertRecord> alerts, AlertQuery query)
    {
        alerts = query.State switch
        {
            AlertStateFilter.Open => alerts.Where(a => a.State == "Open"),
            AlertStateFilter.Unacknowledged => alerts.Where(a => a.State == "Open" && a.AcknowledgedAt == null),
            AlertStateFilter.Broken => alerts.Where(a => a.State == "Open" && a.Condition == "Broken"),
            AlertStateFilter.Degraded => alerts.Where(a => a.State == "Open" && a.Condition == "Degraded"),
            AlertStateFilter.Closed => alerts.Where(a => a.State == "Closed"),
            _ => alerts,
        };
        if (!string.IsNullOrWhiteSpace(query.FlowId))
        {
            var flow = query.FlowId.Trim();
            alerts = alerts.Where(a => a.FlowId == flow);
        }

        if (!string.IsNullOrWhiteSpace(query.Host))
        {
            // Host names are compared as the estate spells them, in any case.
            var host = query.Host.Trim().ToLowerInvariant();
            alerts = alerts.Where(a => a.Hosts != null && a.Hosts.ToLower().Contains(host));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim().ToLowerInvariant();
            alerts = alerts.Where(a => a.Edge.ToLower().Contains(text) || a.FlowId.ToLower().Contains(text)
                || (a.Hosts != null && a.Hosts.ToLower().Contains(text)) || (a.Outcome != null && a.Outcome.ToLower().Contains(text))
                || (a.AcknowledgedBy != null && a.AcknowledgedBy.ToLower().Contains(text))
                || (a.AcknowledgeNote != null && a.AcknowledgeNote.ToLower().Contains(text)));
        }

        return alerts;
    }

    private static IOrderedQueryable<AlertRecord> Sort(IQueryable<AlertRecord> alerts, AlertQuery query, DateTimeOffset now)
    {
        var d = query.Descending;
        var sorted = query.Sort switch
        {
            // Ascending: open first ("Open" after "Closed" in the alphabet), broken before degraded.
            AlertSort.State => d
                ? alerts.OrderBy(a => a.State).ThenByDescending(a => a.Condition)
                : alerts.OrderByDescending(a => a.State).ThenBy(a => a.Condition),
            AlertSort.Edge => d ? alerts.OrderByDescending(a => a.Edge) : alerts.OrderBy(a => a.Edge),
            AlertSort.Since => d ? alerts.OrderByDescending(a => a.Since) : alerts.OrderBy(a => a.Since),
            AlertSort.Duration => d
                ? alerts.OrderByDescending(a => StoredTicks.Of(a.RecoveredAt ?? now) - StoredTicks.Of(a.Since))
                : alerts.OrderBy(a => StoredTicks.Of(a.RecoveredAt ?? now) - StoredTicks.Of(a.Since)),
            // Alerts that blame no one last either way (SQLite and PostgreSQL place nulls differently).
            AlertSort.BlamedHost => d
                ? alerts.OrderBy(a => a.Suspect == null || a.Suspect == "").ThenByDescending(a => a.Suspect ?? "")
                : alerts.OrderBy(a => a.Suspect == null || a.Suspect == "").ThenBy(a => a.Suspect ?? ""),
            AlertSort.AcknowledgedBy => d ? alerts.OrderByDescending(a => a.AcknowledgedBy) : alerts.OrderBy(a => a.AcknowledgedBy),
            AlertSort.LastDelivery => d ? alerts.OrderByDescending(a => a.LastNoticeAt) : alerts.OrderBy(a => a.LastNoticeAt),
            _ => alerts.OrderByDescending(a => a.Id),
        };
        return sorted.ThenByDescending(a => a.Id);
    }

    /// <summary>The newest alerts first, open ones before closed ones.</summary>
    public async Task<IReadOnlyList<AlertView>> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking()
            .Include(a => a.Events)
            .Include(a => a.Messages).ThenInclude(m => m.Message)
            .OrderByDescending(a => a.Id)
            .Take(take)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return alerts
            .OrderBy(a => a.State == "Open" ? 0 : 1)
            .ThenByDescending(a => a.Id)
            .Select(ViewOf)
            .ToList();
    }

    /// <summary>One alert by its id with its state changes and mails; null when there is none.</summary>
    public async Task<AlertView?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alert = await db.Alerts.AsNoTracking()
            .Include(a => a.Events)
            .Include(a => a.Messages).ThenInclude(m => m.Message)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return alert is null ? null : ViewOf(alert);
    }

    private static AlertView ViewOf(AlertRecord a) => new(
        a.Id, a.Key, a.FlowId, a.Edge, a.State, a.Condition, a.OpenedAt, a.Since, a.RecoveredAt, a.ClosedAt, a.Outcome, a.Hosts,
        a.Flapping, a.SilencedBy, a.LastNoticeAt, a.AcknowledgedAt, a.AcknowledgedBy, a.AcknowledgeNote,
        a.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new AlertEventView(e.At, e.Kind, e.Text)).ToList(),
        a.Messages.Where(m => m.Message is not null).OrderBy(m => m.MessageId).Select(m => new AlertMailView(
            m.MessageId, m.Kind, m.Message!.Subject, m.Message.Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries),
            m.Message.Status, m.Message.Attempts, m.Message.CreatedAt, m.Message.LastAttemptAt, m.Message.NextAttemptAt,
            m.Message.LastError, m.Message.SentAt, m.Message.ServerResponse)).ToList());

    /// <summary>
    /// Mails not sent, oldest first: waiting for the server, held after a refused login, or without recipients (the
    /// SMTP page lists them; those that need a person also show on the alerts page).
    /// </summary>
    public async Task<IReadOnlyList<UndeliveredMail>> UndeliveredAsync(bool needsPersonOnly = false, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mails = db.AlertMessages.AsNoTracking().Where(m => m.Status != AlertMessageRecord.Sent);
        if (needsPersonOnly) mails = mails.Where(m => AlertMessageRecord.NeedsPerson.Contains(m.Status));
        return await mails.OrderBy(m => m.Id).Take(take)
            .Select(m => new UndeliveredMail(m.Id, m.CreatedAt, m.Subject, m.Recipients, m.Status, m.Attempts, m.LastAttemptAt, m.NextAttemptAt, m.LastError,
                m.Alerts.OrderBy(a => a.AlertId).Select(a => a.AlertId).ToList()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Mails waiting for the SMTP server: how many, since when, and the last error.</summary>
    public async Task<OutboxSummary> OutboxAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await db.AlertMessages.AsNoTracking()
            .Where(m => m.Status == AlertMessageRecord.Pending)
            .OrderBy(m => m.Id)
            .Select(m => new { m.CreatedAt, m.LastError, m.NextAttemptAt })
            .ToListAsync(cancellationToken);
        return new OutboxSummary(
            pending.Count,
            pending.Count == 0 ? null : pending[0].CreatedAt,
            pending.Select(p => p.LastError).LastOrDefault(e => e is not null),
            pending.Count == 0 ? null : pending.Min(p => p.NextAttemptAt));
    }
}
