using System.Threading.Channels;
using Npgsql;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Text;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// Keeps this node's live state in step with links other central nodes wrote to the shared PostgreSQL: LISTENs on
/// <see cref="PostgresIngestionStore.LinkChannel"/>, loads the links a notification names (committed, so readable) and
/// applies them as the local writer does after its own commits. After a lost connection it reloads every link, since
/// notifications sent meanwhile are gone.
/// </summary>
public sealed class PostgresLinkListener(
    NpgsqlDataSource dataSource,
    CentralNode node,
    LiveState live,
    LinkStreaks streaks,
    ILogger<PostgresLinkListener> logger) : BackgroundService
{
    /// <summary>Notifications are gathered for this long and their links loaded in one query.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(2);

    private const string SelectLinks = $"SELECT {LinkRows.Columns} FROM \"Links\" l";

    /// <summary>The texts of the links other nodes changed, one instance each (one applier runs at a time).</summary>
    private readonly StringPool _texts = new();

    /// <summary>Notifications applied since start (tests and diagnostics).</summary>
    public long Applied => Interlocked.Read(ref _applied);

    private long _applied;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reconnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(reloadFirst: reconnected, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for other central nodes' link changes failed; listening again in {Delay}.", ReconnectDelay);
                reconnected = true;
                try
                {
                    await Task.Delay(ReconnectDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(bool reloadFirst, CancellationToken stoppingToken)
    {
        var keys = Channel.CreateUnbounded<(string AgentId, string ProbeId)>(new UnboundedChannelOptions { SingleReader = true });
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (e.Channel != PostgresIngestionStore.LinkChannel) return;
            var lines = e.Payload.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length == 0 || lines[0] == node.Id.ToString()) return;
            foreach (var line in lines.AsSpan(1))
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                if (tab > 0) keys.Writer.TryWrite((line[..tab], line[(tab + 1)..]));
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresIngestionStore.LinkChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        if (reloadFirst) await ApplyAsync(null, stoppingToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var applier = Task.Run(() => ApplyLoopAsync(keys.Reader, stop.Token), CancellationToken.None);
        try
        {
            while (true) await connection.WaitAsync(stoppingToken);
        }
        finally
        {
            keys.Writer.TryComplete();
            await stop.CancelAsync();
            try
            {
                await applier;
            }
            catch (OperationCanceledException)
            {
                // Stopped with the connection.
            }
        }
    }

    private async Task ApplyLoopAsync(ChannelReader<(string AgentId, string ProbeId)> keys, CancellationToken cancellationToken)
    {
        while (await keys.WaitToReadAsync(cancellationToken))
        {
            await Task.Delay(Gather, cancellationToken);
            var batch = new HashSet<(string AgentId, string ProbeId)>();
            while (keys.TryRead(out var key)) batch.Add(key);
            try
            {
                await ApplyAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Loading {Count} links another central node changed failed; they are taken over with its next change.", batch.Count);
            }
        }
    }

    /// <summary>Loads the named links (null: all of them) and applies them to the live state and the alert streaks.</summary>
    private async Task ApplyAsync(IReadOnlyCollection<(string AgentId, string ProbeId)>? keys, CancellationToken cancellationToken)
    {
        await using var cmd = keys is null
            ? dataSource.CreateCommand(SelectLinks)
            : dataSource.CreateCommand(SelectLinks + " JOIN unnest(@agents, @probes) AS k(a, p) ON l.\"AgentId\" = k.a AND l.\"ProbeId\" = k.p");
        if (keys is not null)
        {
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("agents", keys.Select(k => k.AgentId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("probes", keys.Select(k => k.ProbeId).ToArray()));
        }

        var links = await PostgresIngestionStore.ReadLinksAsync(cmd, cancellationToken);
        if (links.Count == 0) return;
        streaks.Load(links);
        live.Apply(links.Select(l => l.ToSnapshot(_texts)));
        Interlocked.Increment(ref _applied);
    }
}
