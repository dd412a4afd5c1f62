using System.Text;
using Npgsql;
using NpgsqlTypes;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// The batching writer's PostgreSQL path: results and transitions by binary COPY, batch ids and links by one
/// array-bound statement each (ON CONFLICT), one connection kept open across groups. Several central nodes may write
/// at once: the links a group touches are locked (FOR UPDATE, in key order) until its commit, and a batch id another
/// node stored first is a duplicate here too. Columns are written as EF maps them (times as UTC ticks, enums as names).
/// </summary>
/// <remarks>
/// Every group that changes links also sends <see cref="LinkChannel"/> notifications naming them (pg_notify in the
/// transaction: PostgreSQL delivers them only once it commits), so the other nodes' live state follows
/// (<see cref="PostgresLinkListener"/>).
/// </remarks>
public sealed class PostgresIngestionStore(NpgsqlDataSource dataSource, CentralNode node) : IIngestionStore
{
    /// <summary>The LISTEN/NOTIFY channel the touched links are announced on.</summary>
    public const string LinkChannel = "central_links";

    /// <summary>PostgreSQL refuses a notification payload of 8000 bytes or more; keys are sent in parts below it.</summary>
    public const int MaxPayloadBytes = 7000;

    private static readonly string[] OutcomeNames = Enum.GetNames<ProbeOutcome>();

    private NpgsqlConnection? _connection;

    private Guid NodeId => node.Id;

    public async ValueTask<IIngestionTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        try
        {
            _connection ??= await dataSource.OpenConnectionAsync(cancellationToken);
            var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            return new Transaction(this, _connection, transaction);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
    }

    /// <summary>
    /// Whether an exception means the database cannot take writes now (connection lost, server shutting down, out of
    /// resources, a deadlock or serialization failure between nodes that a retry resolves), not that a batch is at fault.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.LockNotAvailable
            || e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
            || e.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources (disk full, too many connections)
            || e.SqlState.StartsWith("57", StringComparison.Ordinal) // operator intervention (shutdown, cancel)
            || e.SqlState.StartsWith("58", StringComparison.Ordinal), // system error (I/O)
        NpgsqlException => true, // no answer from the server at all (network, timeout)
        TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };

    private async ValueTask ResetAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public async ValueTask DisposeAsync() => await ResetAsync();

    private sealed class Transaction(PostgresIngestionStore store, NpgsqlConnection connection, NpgsqlTransaction transaction) : IIngestionTransaction
    {
        private bool _done;

        private NpgsqlCommand Command(string sql) => new(sql, connection, transaction);

        public async ValueTask<bool[]> ClaimBatchesAsync(IReadOnlyList<BatchClaim> batches, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            var fresh = new bool[batches.Count];
            if (batches.Count == 0) return fresh;
            // ON CONFLICT DO NOTHING waits for a node writing the same id right now, then skips it once that one commits.
            await using var cmd = Command(
                "INSERT INTO \"Batches\" (\"AgentId\", \"BatchId\", \"Count\", \"ReceivedAt\") " +
                "SELECT a, b, c, @received FROM unnest(@agents, @batches, @counts) AS t(a, b, c) " +
                "ON CONFLICT DO NOTHING RETURNING \"AgentId\", \"BatchId\"");
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("agents", batches.Select(b => b.AgentId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<Guid[]>("batches", batches.Select(b => b.BatchId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<int[]>("counts", batches.Select(b => b.Count).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<long>("received", receivedAt.UtcTicks));
            var stored = new HashSet<(string, Guid)>();
            await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) stored.Add((reader.GetString(0), reader.GetGuid(1)));
            }

            for (var i = 0; i < batches.Count; i++) fresh[i] = stored.Contains((batches[i].AgentId, batches[i].BatchId));
            return fresh;
        }

        public async ValueTask<IReadOnlyList<LinkRecord>> LoadLinksAsync(IReadOnlyCollection<(string AgentId, string ProbeId)> keys, CancellationToken cancellationToken)
        {
            if (keys.Count == 0) return [];
            // In key order, so two nodes touching overlapping links take their row locks in the same order (no deadlock).
            await using var cmd = Command(
                $"SELECT {LinkRows.Columns} FROM \"Links\" l JOIN unnest(@agents, @probes) AS k(a, p) " +
                "ON l.\"AgentId\" = k.a AND l.\"ProbeId\" = k.p ORDER BY l.\"AgentId\", l.\"ProbeId\" FOR UPDATE OF l");
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("agents", keys.Select(k => k.AgentId).ToArray()));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("probes", keys.Select(k => k.ProbeId).ToArray()));
            return await ReadLinksAsync(cmd, cancellationToken);
        }

        public async ValueTask InsertResultsAsync(IReadOnlyList<ResultRow> results, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            if (results.Count == 0) return;
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY \"Results\" (\"AgentId\", \"ProbeId\", \"FlowId\", \"Outcome\", \"LatencyMs\", \"Detail\", \"Degraded\", \"At\", \"ReceivedAt\", \"BatchId\") FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            var received = receivedAt.UtcTicks;
            foreach (var row in results)
            {
                var r = row.Result;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(row.AgentId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(r.ProbeId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(r.FlowId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync((int)r.Outcome, NpgsqlDbType.Integer, cancellationToken);
                if (r.LatencyMs is { } latency) await writer.WriteAsync(latency, NpgsqlDbType.Double, cancellationToken);
                else await writer.WriteNullAsync(cancellationToken);
                if (r.Detail is { } detail) await writer.WriteAsync(detail, NpgsqlDbType.Text, cancellationToken);
                else await writer.WriteNullAsync(cancellationToken);
                await writer.WriteAsync(r.Degraded, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(r.At.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(received, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(row.BatchId, NpgsqlDbType.Uuid, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        public async ValueTask InsertTransitionsAsync(IReadOnlyList<TransitionRecord> transitions, CancellationToken cancellationToken)
        {
            if (transitions.Count == 0) return;
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY \"Transitions\" (\"AgentId\", \"ProbeId\", \"FlowId\", \"TargetHost\", \"Port\", \"FromOutcome\", \"ToOutcome\", \"At\") FROM STDIN (FORMAT BINARY)",
                cancellationToken);
            foreach (var t in transitions)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(t.AgentId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(t.ProbeId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(t.FlowId, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(t.TargetHost, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(t.Port, NpgsqlDbType.Integer, cancellationToken);
                if (t.FromOutcome is { } from) await writer.WriteAsync(OutcomeNames[(int)from], NpgsqlDbType.Varchar, cancellationToken);
                else await writer.WriteNullAsync(cancellationToken);
                await writer.WriteAsync(OutcomeNames[(int)t.ToOutcome], NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(t.At.UtcTicks, NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        public async ValueTask UpsertLinksAsync(IReadOnlyCollection<LinkRecord> links, CancellationToken cancellationToken)
        {
            if (links.Count == 0) return;
            var sorted = links.OrderBy(l => l.AgentId, StringComparer.Ordinal).ThenBy(l => l.ProbeId, StringComparer.Ordinal).ToArray();
            await using (var cmd = Command(
                "INSERT INTO \"Links\" (\"AgentId\", \"ProbeId\", \"FlowId\", \"TargetHost\", \"Port\", \"Outcome\", \"Since\", \"LastAt\", \"LatencyMs\", \"Detail\", \"Degraded\", \"IntervalSeconds\", \"Streak\") " +
                "SELECT * FROM unnest(@agents, @probes, @flows, @targets, @ports, @outcomes, @since, @last, @latency, @detail, @degraded, @interval, @streak) " +
                "ON CONFLICT (\"AgentId\", \"ProbeId\") DO UPDATE SET \"FlowId\" = excluded.\"FlowId\", \"TargetHost\" = excluded.\"TargetHost\", \"Port\" = excluded.\"Port\", " +
                "\"Outcome\" = excluded.\"Outcome\", \"Since\" = excluded.\"Since\", \"LastAt\" = excluded.\"LastAt\", \"LatencyMs\" = excluded.\"LatencyMs\", " +
                "\"Detail\" = excluded.\"Detail\", \"Degraded\" = excluded.\"Degraded\", \"IntervalSeconds\" = excluded.\"IntervalSeconds\", \"Streak\" = excluded.\"Streak\""))
            {
                var p = cmd.Parameters;
                p.Add(new NpgsqlParameter<string[]>("agents", sorted.Select(l => l.AgentId).ToArray()));
                p.Add(new NpgsqlParameter<string[]>("probes", sorted.Select(l => l.ProbeId).ToArray()));
                p.Add(new NpgsqlParameter<string[]>("flows", sorted.Select(l => l.FlowId).ToArray()));
                p.Add(new NpgsqlParameter<string[]>("targets", sorted.Select(l => l.TargetHost).ToArray()));
                p.Add(new NpgsqlParameter<int[]>("ports", sorted.Select(l => l.Port).ToArray()));
                p.Add(new NpgsqlParameter<string[]>("outcomes", sorted.Select(l => OutcomeNames[(int)l.Outcome]).ToArray()));
                p.Add(new NpgsqlParameter<long[]>("since", sorted.Select(l => l.Since.UtcTicks).ToArray()));
                p.Add(new NpgsqlParameter<long[]>("last", sorted.Select(l => l.LastAt.UtcTicks).ToArray()));
                p.Add(new NpgsqlParameter<double?[]>("latency", sorted.Select(l => l.LatencyMs).ToArray()));
                p.Add(new NpgsqlParameter<string?[]>("detail", sorted.Select(l => l.Detail).ToArray()));
                p.Add(new NpgsqlParameter<bool[]>("degraded", sorted.Select(l => l.Degraded).ToArray()));
                p.Add(new NpgsqlParameter<int[]>("interval", sorted.Select(l => l.IntervalSeconds).ToArray()));
                p.Add(new NpgsqlParameter<string?[]>("streak", sorted.Select(l => l.Streak).ToArray()));
                await cmd.ExecuteNonQueryAsync(cancellationToken);
            }

            // Delivered at commit, to every node listening (this one skips its own: it applies the links itself).
            var payloads = Payloads(store, sorted);
            await using var notify = Command("SELECT pg_notify(@channel, p) FROM unnest(@payloads) AS t(p)");
            notify.Parameters.Add(new NpgsqlParameter<string>("channel", LinkChannel));
            notify.Parameters.Add(new NpgsqlParameter<string[]>("payloads", payloads.ToArray()));
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }

        public async ValueTask TouchAgentsAsync(IReadOnlyCollection<string> agentIds, DateTimeOffset at, CancellationToken cancellationToken)
        {
            if (agentIds.Count == 0) return;
            await using var cmd = Command("UPDATE \"Agents\" SET \"LastSeenAt\" = @at WHERE \"Id\" = ANY(@ids)");
            cmd.Parameters.Add(new NpgsqlParameter<long>("at", at.UtcTicks));
            cmd.Parameters.Add(new NpgsqlParameter<string[]>("ids", agentIds.Order(StringComparer.Ordinal).ToArray()));
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        public async ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            _done = true;
            await transaction.CommitAsync(cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                try
                {
                    await transaction.RollbackAsync();
                }
                catch (Exception)
                {
                    // The connection is in a state we cannot trust: the next group opens a new one.
                    await transaction.DisposeAsync();
                    await store.ResetAsync();
                    return;
                }
            }

            await transaction.DisposeAsync();
        }
    }

    /// <summary>Notification payloads: this node's id on the first line, then one "agent TAB probe" per line.</summary>
    private static List<string> Payloads(PostgresIngestionStore store, IEnumerable<LinkRecord> links)
    {
        var payloads = new List<string>();
        var header = store.NodeId + "\n";
        var text = new StringBuilder(header);
        foreach (var l in links)
        {
            var line = l.AgentId + "\t" + l.ProbeId + "\n";
            if (text.Length > header.Length && Encoding.UTF8.GetByteCount(text.ToString()) + Encoding.UTF8.GetByteCount(line) > MaxPayloadBytes)
            {
                payloads.Add(text.ToString());
                text.Clear().Append(header);
            }

            text.Append(line);
        }

        if (text.Length > header.Length) payloads.Add(text.ToString());
        return payloads;
    }

    /// <summary>Reads link rows selected as <see cref="LinkRows.Columns"/>.</summary>
    internal static async Task<List<LinkRecord>> ReadLinksAsync(NpgsqlCommand cmd, CancellationToken cancellationToken)
    {
        var links = new List<LinkRecord>();
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) links.Add(LinkRows.Read(reader));

        return links;
    }
}
