using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// Sends the alert outbox, oldest first. A mail that cannot be sent stays queued with the error and is tried again
/// after a growing wait (AlertOptions.RetryFirstSeconds doubling up to RetryMaxSeconds); nothing is dropped. When the
/// server cannot be reached every queued mail waits for the same retry, so a later mail ("recovered") never overtakes an
/// earlier one ("broken"); a mail the server refuses on its own (a rejected recipient) does not hold up the others.
/// When the server refuses central's login every queued mail is held (<see cref="AlertMessageRecord.Held"/>) until a
/// person fixes the settings and sends them again (<see cref="ResendAsync"/>): retrying a refused login fails the
/// same way and can lock the account.
/// </summary>
public sealed class AlertDelivery(
    IDbContextFactory<CentralDbContext> dbFactory,
    SmtpSettingsStore smtp,
    SmtpMailer mailer,
    AlertRules rules,
    TimeProvider clock,
    ILogger<AlertDelivery> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends what is due; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var due = await db.AlertMessages
                .Where(m => m.Status == AlertMessageRecord.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.Id)
                .Take(50)
                .ToListAsync(cancellationToken);
            if (due.Count == 0) return 0;

            var connection = await smtp.ConnectionAsync(cancellationToken);
            var sent = 0;
            DateTimeOffset? retryAllAt = null;
            string? holdAll = null;
            foreach (var message in due)
            {
                message.Attempts++;
                message.LastAttemptAt = clock.GetUtcNow();
                try
                {
                    if (connection is null) throw new InvalidOperationException("no SMTP server is set (Settings, SMTP).");
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(SmtpMailer.Timeout);
                    message.ServerResponse = await mailer.SendAsync(connection, message.Recipients.Split(','), message.Subject, message.TextBody, message.HtmlBody, timeout.Token);
                    message.Status = AlertMessageRecord.Sent;
                    message.SentAt = clock.GetUtcNow();
                    message.LastError = null;
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var error = ex is InvalidOperationException ? ex.Message : SmtpMailer.Describe(ex);
                    var wait = rules.Options.RetryDelay(message.Attempts);
                    message.LastError = error;
                    message.NextAttemptAt = clock.GetUtcNow() + wait;
                    logger.LogWarning("Alert mail {MessageId} not sent (attempt {Attempts}): {Error}. Next try in {Wait}.",
                        message.Id, message.Attempts, error, wait);
                    if (SmtpMailer.NeedsPerson(ex))
                    {
                        message.Status = AlertMessageRecord.Held;
                        holdAll = error;
                        logger.LogError("Alert mail held: {Error}. Fix the SMTP settings, then send again from the alerts or SMTP page.", error);
                        break;
                    }

                    if (ex is MailKit.Net.Smtp.SmtpCommandException { ErrorCode: not MailKit.Net.Smtp.SmtpErrorCode.UnexpectedStatusCode }) continue;
                    retryAllAt = message.NextAttemptAt;
                    break;
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
            if (retryAllAt is { } at)
            {
                // The server is out of reach: every queued mail waits for the same retry, in order.
                await db.AlertMessages.Where(m => m.Status == AlertMessageRecord.Pending && m.NextAttemptAt < at)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, at), CancellationToken.None);
            }

            if (holdAll is { } reason)
            {
                // The same login would be refused for every queued mail: they all wait for the fix, in order.
                await db.AlertMessages.Where(m => m.Status == AlertMessageRecord.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, AlertMessageRecord.Held).SetProperty(m => m.LastError, reason), CancellationToken.None);
            }

            if (sent > 0) logger.LogInformation("{Count} alert mail(s) sent via {Server}.", sent, connection);
            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Queues again the mails that waited for a person (held after a refused login, or without recipients), once the
    /// settings are fixed: a held mail is tried at the next delivery; a mail without recipients gets the addresses
    /// its alerts' flows have now, or stays as it is when they still have none. Other mails are left alone.
    /// </summary>
    public async Task<MailResend> ResendAsync(IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var ids = messageIds.Distinct().ToList();
            var messages = await db.AlertMessages.Include(m => m.Alerts).ThenInclude(a => a.Alert)
                .Where(m => ids.Contains(m.Id) && AlertMessageRecord.NeedsPerson.Contains(m.Status))
                .OrderBy(m => m.Id)
                .ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var queued = new List<long>();
            var stillNobody = new List<long>();
            foreach (var message in messages)
            {
                if (message.Status == AlertMessageRecord.NoRecipients)
                {
                    var recipients = message.Alerts
                        .Select(a => a.Alert is { } alert ? rules.Catalogue.FindFlow(alert.FlowId) : null)
                        .SelectMany(flow => flow is null ? rules.Settings.Recipients.Default : rules.Settings.Recipients.For(flow))
                        .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
                    if (recipients.Count == 0)
                    {
                        stillNobody.Add(message.Id);
                        continue;
                    }

                    message.Recipients = string.Join(",", recipients);
                }

                message.Status = AlertMessageRecord.Pending;
                message.LastError = null;
                message.NextAttemptAt = now;
                queued.Add(message.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            if (queued.Count > 0) logger.LogInformation("{Count} alert mail(s) queued again by a person: {Ids}.", queued.Count, string.Join(", ", queued));
            return new MailResend(queued, stillNobody);
        }
        finally
        {
            _gate.Release();
        }
    }
}
