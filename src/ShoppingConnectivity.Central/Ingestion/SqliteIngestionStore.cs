using Microsoft.Data.Sqlite;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// The batching writer's SQLite path: one connection kept open, prepared statements reused across groups, so a
/// result costs one bound insert and no EF change tracking. Columns are written exactly as EF maps them
/// (times as UTC ticks, enums as names, GUIDs as upper-case text), so EF reads what this writes.
/// </summary>
public sealed class SqliteIngestionStore(string connectionString) : IIngestionStore
{
    /// <summary>
    /// The writer's page cache: inserting into three indexes of a large Results table touches pages all over them,
    /// and a cache that holds the hot ones saves re-reading them on every group. 64 MB, this connection only.
    /// </summary>
    public const int CacheKibibytes = 65_536;

    private static readonly string[] OutcomeNames = Enum.GetNames<ProbeOutcome>();

    /// <summary>Results store the outcome as its number (boxed once here, not per row).</summary>
    public static readonly object[] OutcomeNumbers = Enum.GetValues<ProbeOutcome>().Select(o => (object)(long)o).ToArray();

    private static readonly object True = 1L;
    private static readonly object False = 0L;

    private SqliteConnection? _connection;
    private Statements? _statements;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _checkpointer;
    private int _commits;

    public async ValueTask<IIngestionTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            using (var pragma = connection.CreateCommand())
            {
                // Checkpoints (copying the WAL back into the database file) are left to the checkpointer below: done by
                // this connection they would run inside a group's commit, and every agent of the group would wait for them.
                // journal_size_limit: when the WAL restarts from its beginning, its file is cut back to this size.
                pragma.CommandText = $"{ConnectionPragmas} PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {WalRestartBytes};";
                pragma.ExecuteNonQuery();
            }

            _connection = connection;
            _statements = new Statements(connection);
            _checkpointer ??= Task.Run(() => CheckpointAsync(_stopping.Token));
        }

        try
        {
            // IMMEDIATE: the write lock from the start. A deferred transaction that reads the links first could not
            // upgrade to writing after another connection (a job, an enrolment) committed meanwhile.
            var transaction = _connection.BeginTransaction(deferred: false);
            return new Transaction(this, transaction, _statements!);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
    }

    /// <summary>Whether an exception means the database cannot take writes now (locked, disk full, I/O), not that a batch is at fault.</summary>
    public static bool IsUnavailable(Exception exception) => exception is SqliteException e && e.SqliteErrorCode is
        5 /* BUSY */ or 6 /* LOCKED */ or 7 /* NOMEM */ or 8 /* READONLY */ or 10 /* IOERR */ or 11 /* CORRUPT */
        or 13 /* FULL */ or 14 /* CANTOPEN */ or 15 /* PROTOCOL */ or 26 /* NOTADB */;

    /// <summary>
    /// Copies committed WAL pages into the database on its own connection, beside the writer (PASSIVE: it never waits
    /// for nor blocks the writer or readers). Other connections keep SQLite's automatic checkpoint.
    /// </summary>
    private async Task CheckpointAsync(CancellationToken stopping)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(stopping);
            using var passive = connection.CreateCommand();
            passive.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var restart = connection.CreateCommand();
            restart.CommandText = "PRAGMA wal_checkpoint(RESTART);";
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(CheckpointInterval, stopping);
                if (Interlocked.Exchange(ref _commits, 0) == 0) continue;
                try
                {
                    // Columns: busy, frames in the WAL, frames copied. A passive checkpoint never catches up with a writer
                    // that commits all the time, and the WAL only starts over once fully copied: past the limit, RESTART
                    // waits for the current group, copies the rest, and the next group writes the WAL from its start.
                    long frames;
                    using (var reader = passive.ExecuteReader())
                    {
                        reader.Read();
                        frames = reader.GetInt64(1);
                    }

                    if (frames * PageBytes(connection) > WalRestartBytes) restart.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // Busy or locked now: the next round copies what this one could not.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the store.
        }
    }

    /// <summary>The WAL is made to start over once it holds more than this (and its file is cut back to it).</summary>
    public const long WalRestartBytes = 64L * 1024 * 1024;

    private long _pageBytes;

    private long PageBytes(SqliteConnection connection)
    {
        if (_pageBytes > 0) return _pageBytes;
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        return _pageBytes = (long)command.ExecuteScalar()!;
    }

    /// <summary>How often the checkpointer runs while the writer commits.</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromMilliseconds(500);

    private async ValueTask ResetAsync()
    {
        _statements?.Dispose();
        _statements = null;
        if (_connection is not null) await _connection.DisposeAsync();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_checkpointer is not null) await _checkpointer;
        await ResetAsync();
        _stopping.Dispose();
    }

    /// <summary>The insert of one result (outcome as its number, batch id as 16 bytes), as the writer runs it (the load benchmark's raw ceiling runs the same).</summary>
    public const string InsertResultSql =
        "INSERT INTO Results (AgentId, ProbeId, FlowId, Outcome, LatencyMs, Detail, Degraded, At, ReceivedAt, BatchId, Id) " +
        "VALUES ($agent, $probe, $flow, $outcome, $latency, $detail, $degraded, $at, $received, $batch, $id)";

    /// <summary>The parameters of <see cref="InsertResultSql"/>, in order.</summary>
    public static readonly (string Name, SqliteType Type)[] InsertResultParameters =
    [
        ("$agent", SqliteType.Text), ("$probe", SqliteType.Text), ("$flow", SqliteType.Text), ("$outcome", SqliteType.Integer),
        ("$latency", SqliteType.Real), ("$detail", SqliteType.Text), ("$degraded", SqliteType.Integer), ("$at", SqliteType.Integer),
        ("$received", SqliteType.Integer), ("$batch", SqliteType.Blob), ("$id", SqliteType.Integer),
    ];

    /// <summary>
    /// The writer connection's settings (the load benchmark's raw ceiling uses the same). synchronous=NORMAL: in WAL mode
    /// a commit is not fsynced, the WAL is at checkpoints; a committed group survives central's process crashing, and
    /// the last groups before a power loss or OS crash may be lost (their agents were answered: they do not resend).
    /// </summary>
    public static string ConnectionPragmas => $"PRAGMA cache_size = -{CacheKibibytes}; PRAGMA synchronous = NORMAL;";

    private static string Guid(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>[["agent","probe"], ...]: the keys as one text parameter for json_each.</summary>
    private static string KeysJson(IReadOnlyCollection<(string AgentId, string ProbeId)> keys)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(keys.Count * 64);
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (agentId, probeId) in keys)
            {
                json.WriteStartArray();
                json.WriteStringValue(agentId);
                json.WriteStringValue(probeId);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class Transaction(SqliteIngestionStore store, SqliteTransaction transaction, Statements s) : IIngestionTransaction
    {
        private bool _done;

        public ValueTask<bool[]> ClaimBatchesAsync(IReadOnlyList<BatchClaim> batches, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            var cmd = s.Use(s.ClaimBatch, transaction);
            var fresh = new bool[batches.Count];
            cmd.Parameters[3].Value = receivedAt.UtcTicks;
            for (var i = 0; i < batches.Count; i++)
            {
                cmd.Parameters[0].Value = batches[i].AgentId;
                cmd.Parameters[1].Value = Guid(batches[i].BatchId);
                cmd.Parameters[2].Value = batches[i].Count;
                fresh[i] = cmd.ExecuteNonQuery() == 1;
            }

            return ValueTask.FromResult(fresh);
        }

        public ValueTask<IReadOnlyList<LinkRecord>> LoadLinksAsync(IReadOnlyCollection<(string AgentId, string ProbeId)> keys, CancellationToken cancellationToken)
        {
            var links = new List<LinkRecord>(keys.Count);
            if (keys.Count == 0) return ValueTask.FromResult<IReadOnlyList<LinkRecord>>(links);
            // One statement for the whole group, the keys as a JSON array of [agent, probe] pairs: a statement per key
            // cost more in binding and stepping than the look-ups themselves.
            var cmd = s.Use(s.LoadLinks, transaction);
            cmd.Parameters[0].Value = KeysJson(keys);
            using var reader = cmd.ExecuteReader();
            while (reader.Read()) links.Add(LinkRows.Read(reader));
            return ValueTask.FromResult<IReadOnlyList<LinkRecord>>(links);
        }

        public ValueTask InsertResultsAsync(IReadOnlyList<ResultRow> results, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            if (results.Count == 0) return ValueTask.CompletedTask;
            // Ids handed out here, in commit order (the write lock is held): past the newest row and past the rollup
            // cursor, so an id is never used twice, not even once retention has emptied the table (no AUTOINCREMENT).
            var next = (long)s.Use(s.NextResultId, transaction).ExecuteScalar()!;
            var cmd = s.Use(s.InsertResult, transaction);
            var p = cmd.Parameters;
            p[8].Value = receivedAt.UtcTicks;
            string? lastAgent = null;
            var lastBatch = System.Guid.Empty;
            foreach (var row in results)
            {
                var r = row.Result;
                if (!ReferenceEquals(row.AgentId, lastAgent)) p[0].Value = lastAgent = row.AgentId;
                if (row.BatchId != lastBatch) p[9].Value = (lastBatch = row.BatchId).ToByteArray();
                p[1].Value = r.ProbeId;
                p[2].Value = r.FlowId;
                p[3].Value = OutcomeNumbers[(int)r.Outcome];
                p[4].Value = r.LatencyMs is { } latency ? latency : DBNull.Value;
                p[5].Value = (object?)r.Detail ?? DBNull.Value;
                p[6].Value = r.Degraded ? True : False;
                p[7].Value = r.At.UtcTicks;
                p[10].Value = next++;
                cmd.ExecuteNonQuery();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask InsertTransitionsAsync(IReadOnlyList<TransitionRecord> transitions, CancellationToken cancellationToken)
        {
            if (transitions.Count == 0) return ValueTask.CompletedTask;
            var cmd = s.Use(s.InsertTransition, transaction);
            var p = cmd.Parameters;
            foreach (var t in transitions)
            {
                p[0].Value = t.AgentId;
                p[1].Value = t.ProbeId;
                p[2].Value = t.FlowId;
                p[3].Value = t.TargetHost;
                p[4].Value = t.Port;
                p[5].Value = t.FromOutcome is { } from ? OutcomeNames[(int)from] : DBNull.Value;
                p[6].Value = OutcomeNames[(int)t.ToOutcome];
                p[7].Value = t.At.UtcTicks;
                cmd.ExecuteNonQuery();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask UpsertLinksAsync(IReadOnlyCollection<LinkRecord> links, CancellationToken cancellationToken)
        {
            var cmd = s.Use(s.UpsertLink, transaction);
            var p = cmd.Parameters;
            foreach (var l in links)
            {
                p[0].Value = l.AgentId;
                p[1].Value = l.ProbeId;
                p[2].Value = l.FlowId;
                p[3].Value = l.TargetHost;
                p[4].Value = l.Port;
                p[5].Value = OutcomeNames[(int)l.Outcome];
                p[6].Value = l.Since.UtcTicks;
                p[7].Value = l.LastAt.UtcTicks;
                p[8].Value = l.LatencyMs is { } latency ? latency : DBNull.Value;
                p[9].Value = (object?)l.Detail ?? DBNull.Value;
                p[10].Value = l.Degraded ? 1L : 0L;
                p[11].Value = l.IntervalSeconds;
                p[12].Value = (object?)l.Streak ?? DBNull.Value;
                cmd.ExecuteNonQuery();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask TouchAgentsAsync(IReadOnlyCollection<string> agentIds, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var cmd = s.Use(s.TouchAgent, transaction);
            cmd.Parameters[1].Value = at.UtcTicks;
            foreach (var id in agentIds)
            {
                cmd.Parameters[0].Value = id;
                cmd.ExecuteNonQuery();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            _done = true;
            transaction.Commit();
            Interlocked.Increment(ref store._commits);
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_done)
            {
                try
                {
                    transaction.Rollback();
                }
                catch (Exception)
                {
                    // The connection is in a state we cannot trust: the next group opens a new one.
                    transaction.Dispose();
                    await store.ResetAsync();
                    return;
                }
            }

            transaction.Dispose();
        }
    }

    /// <summary>The prepared statements of one connection, reused by every group.</summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection connection)
        {
            ClaimBatch = Prepare(connection,
                "INSERT OR IGNORE INTO Batches (AgentId, BatchId, Count, ReceivedAt) VALUES ($agent, $batch, $count, $received)",
                ("$agent", SqliteType.Text), ("$batch", SqliteType.Text), ("$count", SqliteType.Integer), ("$received", SqliteType.Integer));
            // CROSS JOIN keeps the keys the outer loop, each found through the primary key.
            LoadLinks = Prepare(connection,
                $"SELECT {LinkRows.Columns} FROM json_each($keys) k CROSS JOIN Links l " +
                "ON l.AgentId = json_extract(k.value, '$[0]') AND l.ProbeId = json_extract(k.value, '$[1]')",
                ("$keys", SqliteType.Text));
            NextResultId = Prepare(connection,
                "SELECT max(coalesce((SELECT max(Id) FROM Results), 0), coalesce((SELECT Position FROM JobCursors WHERE Name = '" +
                ResultRecord.RollupCursor + "'), 0)) + 1");
            InsertResult = Prepare(connection, InsertResultSql, InsertResultParameters);
            InsertTransition = Prepare(connection,
                "INSERT INTO Transitions (AgentId, ProbeId, FlowId, TargetHost, Port, FromOutcome, ToOutcome, At) " +
                "VALUES ($agent, $probe, $flow, $target, $port, $from, $to, $at)",
                ("$agent", SqliteType.Text), ("$probe", SqliteType.Text), ("$flow", SqliteType.Text), ("$target", SqliteType.Text),
                ("$port", SqliteType.Integer), ("$from", SqliteType.Text), ("$to", SqliteType.Text), ("$at", SqliteType.Integer));
            UpsertLink = Prepare(connection,
                "INSERT INTO Links (AgentId, ProbeId, FlowId, TargetHost, Port, Outcome, Since, LastAt, LatencyMs, Detail, Degraded, IntervalSeconds, Streak) " +
                "VALUES ($agent, $probe, $flow, $target, $port, $outcome, $since, $last, $latency, $detail, $degraded, $interval, $streak) " +
                // FlowId and Port are part of ProbeId (flow/target/port), so never change on a conflict: leaving FlowId
                // out spares its index an entry rewritten per result.
                "ON CONFLICT (AgentId, ProbeId) DO UPDATE SET TargetHost = excluded.TargetHost, " +
                "Outcome = excluded.Outcome, Since = excluded.Since, LastAt = excluded.LastAt, LatencyMs = excluded.LatencyMs, Detail = excluded.Detail, " +
                "Degraded = excluded.Degraded, IntervalSeconds = excluded.IntervalSeconds, Streak = excluded.Streak",
                ("$agent", SqliteType.Text), ("$probe", SqliteType.Text), ("$flow", SqliteType.Text), ("$target", SqliteType.Text),
                ("$port", SqliteType.Integer), ("$outcome", SqliteType.Text), ("$since", SqliteType.Integer), ("$last", SqliteType.Integer),
                ("$latency", SqliteType.Real), ("$detail", SqliteType.Text), ("$degraded", SqliteType.Integer), ("$interval", SqliteType.Integer),
                ("$streak", SqliteType.Text));
            TouchAgent = Prepare(connection, "UPDATE Agents SET LastSeenAt = $at WHERE Id = $id",
                ("$id", SqliteType.Text), ("$at", SqliteType.Integer));
        }

        public SqliteCommand ClaimBatch { get; }
        public SqliteCommand LoadLinks { get; }
        public SqliteCommand NextResultId { get; }
        public SqliteCommand InsertResult { get; }
        public SqliteCommand InsertTransition { get; }
        public SqliteCommand UpsertLink { get; }
        public SqliteCommand TouchAgent { get; }

        public SqliteCommand Use(SqliteCommand command, SqliteTransaction transaction)
        {
            command.Transaction = transaction;
            return command;
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters) command.Parameters.Add(name, type);
            return command;
        }

        public void Dispose()
        {
            ClaimBatch.Dispose();
            LoadLinks.Dispose();
            NextResultId.Dispose();
            InsertResult.Dispose();
            InsertTransition.Dispose();
            UpsertLink.Dispose();
            TouchAgent.Dispose();
        }
    }
}
