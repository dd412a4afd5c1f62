using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>
/// Writes every edge colour change to the EdgeTransitions table, off the ingestion path (a channel drained by one
/// writer). A change to the colour already stored last for the edge (a restart re-evaluating the same state) is
/// not written twice, and a change is never dated before the edge's previous one.
/// </summary>
public sealed class EdgeHistoryWriter(
    LiveState live,
    IDbContextFactory<CentralDbContext> dbFactory,
    TimeProvider clock,
    ILogger<EdgeHistoryWriter> logger) : BackgroundService
{
    private readonly Channel<IReadOnlyList<EdgeChange>> _queue = Channel.CreateUnbounded<IReadOnlyList<EdgeChange>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, (EdgeColour Colour, DateTimeOffset At)> _last = new(StringComparer.Ordinal);
    private int _pending;

    /// <summary>Changes queued and not yet stored (for tests and the health of the writer).</summary>
    public int Pending => Volatile.Read(ref _pending);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        live.EdgesChanged += Enqueue;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        live.EdgesChanged -= Enqueue;
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private void Enqueue(IReadOnlyList<EdgeChange> changes)
    {
        Interlocked.Add(ref _pending, changes.Count);
        _queue.Writer.TryWrite(changes);
    }

    /// <summary>Waits until every change queued so far is stored.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        while (Pending > 0) await Task.Delay(20, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_last.Count == 0) await LoadLastAsync(stoppingToken);
        // What the live state shows now, compared with what was stored before a restart.
        Enqueue(live.Edges.Select(e => new EdgeChange(e.FlowId, null, e.Colour, e.LastChange ?? clock.GetUtcNow(), e.Summary, e.Counts, e.Links, [])).ToList());
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<EdgeChange>();
                while (_queue.Reader.TryRead(out var changes)) batch.AddRange(changes);
                try
                {
                    await StoreAsync(batch, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not store {Count} edge colour changes; the live state is unaffected.", batch.Count);
                }
                finally
                {
                    Interlocked.Add(ref _pending, -batch.Count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Before central serves: each edge's last stored change goes to the live state, so an edge still in that colour
    /// after a restart keeps the start of its outage (and its "broken for").
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken = default)
    {
        await LoadLastAsync(cancellationToken);
        live.Remember(_last.Select(l => (l.Key, l.Value.Colour, l.Value.At)));
    }

    private async Task LoadLastAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastIds = db.EdgeTransitions.GroupBy(t => t.FlowId).Select(g => g.Max(t => t.Id));
        foreach (var t in await db.EdgeTransitions.AsNoTracking().Where(t => lastIds.Contains(t.Id)).ToListAsync(cancellationToken))
        {
            _last[t.FlowId] = (t.ToColour, t.At);
        }
    }

    private async Task StoreAsync(List<EdgeChange> changes, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var change in changes)
        {
            var known = _last.TryGetValue(change.FlowId, out var last);
            if (known && last.Colour == change.To) continue;
            var at = known && change.At < last.At ? last.At : change.At;
            db.EdgeTransitions.Add(new EdgeTransitionRecord
            {
                FlowId = change.FlowId,
                FromColour = known ? last.Colour : null,
                ToColour = change.To,
                At = at,
                Summary = Truncate(change.Summary, 500),
                Links = change.Links,
                Counts = EdgeHistoryFormat.Counts(change.Counts),
                FailingLinks = Truncate(string.Join('\n', change.FailingLinks), 8000),
            });
            _last[change.FlowId] = (change.To, at);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
