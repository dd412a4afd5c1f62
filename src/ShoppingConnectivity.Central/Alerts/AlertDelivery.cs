using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// Sends the alert outbox, oldest first. A mail that cannot be sent stays queued with the error and is tried again
/// after a growing wait (AlertOptions.RetryFirstSeconds doubling up to RetryMaxSeconds); nothing is dropped. When the
/// server cannot be reached every queued mail waits for the same retry, so a later mail ("recovered") never overtakes an
/// earlier one ("broken"); a mail the server refuses on its own (a rejected recipient) does not hold up the others.
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

            if (sent > 0) logger.LogInformation("{Count} alert mail(s) sent via {Server}.", sent, connection);
            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }
}
