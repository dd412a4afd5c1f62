using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Reads alerts with their state changes and mails for the alert history page and each alert's own page.</summary>
public sealed class AlertHistory(IDbContextFactory<CentralDbContext> dbFactory)
{
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
