using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Agents;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Alerts.Channels;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Metrics;

/// <summary>
/// The counts /metrics reports from the database (agents, open alerts, undelivered mail), read before a scrape is
/// answered and at most every <see cref="MetricsOptions.RefreshSeconds"/>: instruments' callbacks are synchronous
/// and must not query, and two Prometheus servers scraping every 5 s must not cost two queries each time.
/// </summary>
public sealed class MetricsCounts(
    IDbContextFactory<CentralDbContext> dbFactory,
    AgentDirectory agents,
    AlertChannels channels,
    IOptions<MetricsOptions> options,
    TimeProvider clock,
    ILogger<MetricsCounts> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    /// <summary>The latest counts; empty until the first scrape.</summary>
    public MetricsSnapshot Current { get; private set; } = MetricsSnapshot.Empty;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - _readAt < TimeSpan.FromSeconds(options.Value.RefreshSeconds)) return;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _readAt < TimeSpan.FromSeconds(options.Value.RefreshSeconds)) return;
            Current = await ReadAsync(cancellationToken);
            _readAt = clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The scrape still answers with the last counts and every in-memory series; the next scrape tries again.
            logger.LogWarning(ex, "Reading the counts for /metrics failed; the last ones are served.");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<MetricsSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var list = await agents.ListAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.Alerts.AsNoTracking().Where(a => a.State == "Open")
            .GroupBy(a => a.FlowId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var mails = await db.AlertMessages.AsNoTracking().Where(m => m.Status != AlertMessageRecord.Sent)
            .GroupBy(m => new { m.Status, Retrying = m.Attempts > 0 }).Select(g => new { g.Key.Status, g.Key.Retrying, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var mailCounts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["queued"] = mails.Where(m => m.Status == AlertMessageRecord.Pending).Sum(m => m.Count),
            ["retrying"] = mails.Where(m => m.Status == AlertMessageRecord.Pending && m.Retrying).Sum(m => m.Count),
            ["held"] = mails.Where(m => m.Status == AlertMessageRecord.Held).Sum(m => m.Count),
            ["no_recipients"] = mails.Where(m => m.Status == AlertMessageRecord.NoRecipients).Sum(m => m.Count),
        };
        var messages = await db.ChannelMessages.AsNoTracking().Where(m => m.Status != ChannelMessageRecord.Sent)
            .GroupBy(m => new { m.Channel, m.Status, Retrying = m.Attempts > 0 }).Select(g => new { g.Key.Channel, g.Key.Status, g.Key.Retrying, Count = g.Count() })
            .ToListAsync(cancellationToken);
        // Every configured channel has its series (0 when nothing waits), so an alert rule on them sees it from the start.
        var channelCounts = new Dictionary<(string Channel, string State), int>();
        foreach (var channel in channels.All)
        {
            var mine = messages.Where(m => string.Equals(m.Channel, channel.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            channelCounts[(channel.Name, "queued")] = mine.Where(m => m.Status == ChannelMessageRecord.Pending).Sum(m => m.Count);
            channelCounts[(channel.Name, "retrying")] = mine.Where(m => m.Status == ChannelMessageRecord.Pending && m.Retrying).Sum(m => m.Count);
            channelCounts[(channel.Name, "held")] = mine.Where(m => m.Status == ChannelMessageRecord.Held).Sum(m => m.Count);
        }

        return new MetricsSnapshot(list, open, mailCounts, channelCounts);
    }
}
