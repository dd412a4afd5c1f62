using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Core.Alerts.Channels;

namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>
/// Sends the chat and webhook outbox: per channel, oldest first. A transient failure (no answer, a timeout, 408, 429,
/// 5xx) stops that channel's queue: the message and every later one of the channel wait for the same retry (the
/// endpoint's Retry-After when longer than AlertOptions' backoff), so "recovered" never overtakes "broken", and other
/// channels go on. A refusal (another 4xx, or a redirect, which is not followed) holds that message for a person and
/// the queue goes on: the same body would be refused again, and holding the channel would silence every later alert.
/// </summary>
public sealed class ChannelDelivery(
    IDbContextFactory<CentralDbContext> dbFactory,
    AlertChannels channels,
    ChannelSender sender,
    IOptions<AlertOptions> options,
    IOptions<CentralOptions> central,
    TimeProvider clock,
    ILogger<ChannelDelivery> logger)
{
    /// <summary>Retry-After is honoured up to this; an endpoint asking for longer is asked again then.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends what is due; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var due = await db.ChannelMessages
                .Where(m => m.Status == ChannelMessageRecord.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.Id)
                .Take(100)
                .ToListAsync(cancellationToken);
            var sent = 0;
            foreach (var queue in due.GroupBy(m => m.Channel, StringComparer.OrdinalIgnoreCase))
            {
                var channel = channels.Find(queue.Key);
                foreach (var message in queue)
                {
                    if (channel is null)
                    {
                        message.Status = ChannelMessageRecord.Held;
                        message.LastError = $"channel '{queue.Key}' is no longer in the settings ({ChannelSettings.Section}).";
                        continue;
                    }

                    message.Attempts++;
                    message.LastAttemptAt = clock.GetUtcNow();
                    var answer = await sender.SendAsync(channel, message.Payload, message.Id.ToString(CultureInfo.InvariantCulture), cancellationToken);
                    message.LastStatusCode = answer.StatusCode;
                    message.LastAnswer = answer.Excerpt.Length > ChannelAnswer.ExcerptLength ? answer.Excerpt[..ChannelAnswer.ExcerptLength] : answer.Excerpt;
                    if (answer.Delivered)
                    {
                        message.Status = ChannelMessageRecord.Sent;
                        message.SentAt = clock.GetUtcNow();
                        message.LastError = null;
                        sent++;
                        // Recorded at once: a crash before the next save would send it again (the receiver drops it by its delivery id, but better not).
                        await db.SaveChangesAsync(CancellationToken.None);
                        continue;
                    }

                    message.LastError = answer.Text;
                    if (!answer.Transient)
                    {
                        message.Status = ChannelMessageRecord.Held;
                        logger.LogError("Alert message {MessageId} to channel {Channel} refused: {Answer}. Held: fix the channel, then send it again.",
                            message.Id, channel.Name, answer.Text);
                        continue;
                    }

                    var wait = options.Value.RetryDelay(message.Attempts);
                    if (answer.RetryAfter is { } asked && asked > wait) wait = asked < MaxRetryAfter ? asked : MaxRetryAfter;
                    var at = clock.GetUtcNow() + wait;
                    message.NextAttemptAt = at;
                    logger.LogWarning("Alert message {MessageId} to channel {Channel} not delivered (attempt {Attempts}): {Answer}. Next try in {Wait}.",
                        message.Id, channel.Name, message.Attempts, answer.Text, wait);
                    await db.SaveChangesAsync(CancellationToken.None);
                    // The channel's later messages wait behind it, so they keep their order.
                    var name = queue.Key;
                    await db.ChannelMessages.Where(m => m.Channel == name && m.Status == ChannelMessageRecord.Pending && m.Id > message.Id && m.NextAttemptAt < at)
                        .ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, at), CancellationToken.None);
                    break;
                }

                await db.SaveChangesAsync(CancellationToken.None);
            }

            if (sent > 0) logger.LogInformation("{Count} alert message(s) sent to chat and webhook channels.", sent);
            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Posts a test message to the channel now, outside the outbox; returns the endpoint's answer.</summary>
    public async Task<ChannelAnswer> SendTestAsync(string channelName, CancellationToken cancellationToken = default)
    {
        if (channels.Find(channelName) is not { } channel) return new ChannelAnswer(null, $"no channel '{channelName}' in the settings");
        var payload = ChannelPayload.Test(channel.Kind, channel.Name, central.Value.PublicUrl, clock.GetUtcNow());
        var answer = await sender.SendAsync(channel, payload, $"test-{Guid.NewGuid():N}", cancellationToken);
        logger.LogInformation("Test message to channel {Channel}: {Answer}.", channel.Name, answer.Text);
        return answer;
    }

    /// <summary>Queues again held messages (after a person fixed the channel); others are left alone. Returns the ids queued.</summary>
    public async Task<IReadOnlyList<long>> ResendAsync(IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var ids = messageIds.Distinct().ToList();
            var held = await db.ChannelMessages.Where(m => ids.Contains(m.Id) && m.Status == ChannelMessageRecord.Held).OrderBy(m => m.Id).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow();
            foreach (var message in held)
            {
                message.Status = ChannelMessageRecord.Pending;
                message.NextAttemptAt = now;
                message.LastError = null;
            }

            await db.SaveChangesAsync(cancellationToken);
            if (held.Count > 0) logger.LogInformation("{Count} alert message(s) queued again by a person: {Ids}.", held.Count, string.Join(", ", held.Select(m => m.Id)));
            return held.Select(m => m.Id).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The messages not delivered yet (waiting or held), oldest first.</summary>
    public async Task<IReadOnlyList<ChannelMessageRecord>> UndeliveredAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ChannelMessages.AsNoTracking().Where(m => m.Status != ChannelMessageRecord.Sent).OrderBy(m => m.Id).Take(200).ToListAsync(cancellationToken);
    }

    /// <summary>Per channel: the last message sent, and how many wait or are held.</summary>
    public async Task<IReadOnlyDictionary<string, ChannelQueue>> QueuesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ChannelMessages.AsNoTracking()
            .GroupBy(m => m.Channel)
            .Select(g => new
            {
                Channel = g.Key,
                Pending = g.Count(m => m.Status == ChannelMessageRecord.Pending),
                Held = g.Count(m => m.Status == ChannelMessageRecord.Held),
                LastSentId = g.Where(m => m.Status == ChannelMessageRecord.Sent).Max(m => (long?)m.Id),
            })
            .ToListAsync(cancellationToken);
        var lastIds = rows.Where(r => r.LastSentId is not null).Select(r => r.LastSentId!.Value).ToList();
        var sentAt = await db.ChannelMessages.AsNoTracking().Where(m => lastIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.SentAt, cancellationToken);
        return rows.ToDictionary(r => r.Channel, r => new ChannelQueue(r.Pending, r.Held, r.LastSentId is { } id ? sentAt.GetValueOrDefault(id) : null),
            StringComparer.OrdinalIgnoreCase);
    }
}
