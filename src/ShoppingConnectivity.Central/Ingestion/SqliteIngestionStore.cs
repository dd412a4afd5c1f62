using Microsoft.Data.Sqlite;
using ShoppingConnectivity.Central.Data;
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

    private SqliteConnection? _connection;
    private Statements? _statements;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _checkpointer;
    private int _commits;

    /// <summary>One central per SQLite file: nothing else writes its links.</summary>
    public bool SoleWriter => true;

    public async ValueTask<IIngestionTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            SqliteBusyTimeout.Apply(connection);
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
            // No busy timeout (SqliteBusyTimeout) here: a RESTART waiting in SQLite's busy handler for readers would hold
            // the writer lock all that time; without one it is refused at once and tries again at the next round.
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

    /// <summary>
    /// The writer connection's settings (the load benchmark's raw ceiling uses the same). synchronous=NORMAL: in WAL mode
    /// a commit is not fsynced, the WAL is at checkpoints; a committed group survives central's process crashing, and
    /// the last groups before a power loss or OS crash may be lost (their agents were answered: they do not resend).
    /// </summary>
    public static string ConnectionPragmas => $"PRAGMA cache_size = -{CacheKibibytes}; PRAGMA synchronous = NORMAL;";

    /// <summary>A batch id as EF stores a GUID: upper-case text.</summary>
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
            var claim = s.ClaimBatch;
            var fresh = new bool[batches.Count];
            // A bound value stays bound across executions: what is the same for every row is bound once.
            claim.Integer(4, receivedAt.UtcTicks);
            for (var i = 0; i < batches.Count; i++)
            {
                claim.Text(1, batches[i].AgentId);
                claim.Text(2, Guid(batches[i].BatchId));
                claim.Integer(3, batches[i].Count);
                fresh[i] = claim.Execute() == 1;
            }

            return ValueTask.FromResult(fresh);
        }

        public ValueTask<IReadOnlyList<LinkRecord>> LoadLinksAsync(IReadOnlyCollection<(string AgentId, string ProbeId)> keys, CancellationToken cancellationToken)
        {
            var links = new List<LinkRecord>(keys.Count);
            if (keys.Count == 0) return ValueTask.FromResult<IReadOnlyList<LinkRecord>>(links);
            // One statement for the whole group, the keys as a JSON array of [agent, probe] pairs: a statement per key
            // cost more in binding and stepping than the look-ups themselves.
            var load = s.LoadLinks;
            load.Text(1, KeysJson(keys));
            try
            {
                while (load.Read()) links.Add(ReadLink(load));
            }
            finally
            {
                load.Reset();
            }

            return ValueTask.FromResult<IReadOnlyList<LinkRecord>>(links);
        }

        public ValueTask InsertResultsAsync(IReadOnlyList<ResultRow> results, DateTimeOffset receivedAt, CancellationToken cancellationToken)
        {
            if (results.Count == 0) return ValueTask.CompletedTask;
            // Ids handed out here, in commit order (the write lock is held): past the newest row and past the rollup
            // cursor, so an id is never used twice, not even once retention has emptied the table (no AUTOINCREMENT).
            var next = (long)s.Use(s.NextResultId, transaction).ExecuteScalar()!;
            var insert = s.InsertResult;
            // A bound value stays bound across executions: the group's time once, an agent's id and a batch's id when
            // they change (rows come batch by batch).
            insert.Integer(9, receivedAt.UtcTicks);
            string? lastAgent = null;
            Guid? lastBatch = null;
            Span<byte> batchId = stackalloc byte[16];
            foreach (var row in results)
            {
                var r = row.Result;
                if (!ReferenceEquals(row.AgentId, lastAgent)) insert.Text(1, lastAgent = row.AgentId);
                if (row.BatchId != lastBatch)
                {
                    (lastBatch = row.BatchId).Value.TryWriteBytes(batchId);
                    insert.Blob(10, batchId);
                }

                insert.Text(2, r.ProbeId);
                insert.Text(3, r.FlowId);
                insert.Integer(4, (long)r.Outcome);
                insert.Real(5, r.LatencyMs);
                insert.Text(6, r.Detail);
                insert.Integer(7, r.Degraded ? 1 : 0);
                insert.Integer(8, r.At.UtcTicks);
                insert.Integer(11, next++);
                insert.Execute();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask InsertTransitionsAsync(IReadOnlyList<TransitionRecord> transitions, CancellationToken cancellationToken)
        {
            var insert = s.InsertTransition;
            foreach (var t in transitions)
            {
                insert.Text(1, t.AgentId);
                insert.Text(2, t.ProbeId);
                insert.Text(3, t.FlowId);
                insert.Text(4, t.TargetHost);
                insert.Integer(5, t.Port);
                insert.Text(6, t.FromOutcome is { } from ? OutcomeNames[(int)from] : null);
                insert.Text(7, OutcomeNames[(int)t.ToOutcome]);
                insert.Integer(8, t.At.UtcTicks);
                insert.Execute();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask UpsertLinksAsync(IReadOnlyCollection<LinkRecord> links, CancellationToken cancellationToken)
        {
            var upsert = s.UpsertLink;
            foreach (var l in links)
            {
                upsert.Text(1, l.AgentId);
                upsert.Text(2, l.ProbeId);
                upsert.Text(3, l.FlowId);
                upsert.Text(4, l.TargetHost);
                upsert.Integer(5, l.Port);
                upsert.Text(6, OutcomeNames[(int)l.Outcome]);
                upsert.Integer(7, l.Since.UtcTicks);
                upsert.Integer(8, l.LastAt.UtcTicks);
                upsert.Real(9, l.LatencyMs);
                upsert.Text(10, l.Detail);
                upsert.Integer(11, l.Degraded ? 1 : 0);
                upsert.Integer(12, l.IntervalSeconds);
                upsert.Text(13, l.Streak);
                upsert.Execute();
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask TouchAgentsAsync(IReadOnlyCollection<string> agentIds, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var touch = s.TouchAgent;
            foreach (var id in agentIds)
            {
                touch.Integer(1, at.UtcTicks);
                touch.Text(2, id);
                touch.Execute();
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

        /// <summary>A link row in <see cref="LinkRows.Columns"/>' order, as <see cref="LinkRows.Read"/> reads it through ADO.NET.</summary>
        private static LinkRecord ReadLink(SqliteStatement row) => new()
        {
            AgentId = row.GetText(0),
            ProbeId = row.GetText(1),
            FlowId = row.GetText(2),
            TargetHost = row.GetText(3),
            Port = (int)row.GetInteger(4),
            Outcome = Enum.Parse<ProbeOutcome>(row.GetText(5)),
            Since = new DateTimeOffset(row.GetInteger(6), TimeSpan.Zero),
            LastAt = new DateTimeOffset(row.GetInteger(7), TimeSpan.Zero),
            LatencyMs = row.IsNull(8) ? null : row.GetReal(8),
            Detail = row.GetTextOrNull(9),
            Degraded = row.GetInteger(10) != 0,
            IntervalSeconds = (int)row.GetInteger(11),
            Streak = row.GetTextOrNull(12),
        };
    }

    /// <summary>
    /// The prepared statements of one connection, reused by every group. Parameters are numbered in the order the SQL
    /// first names them.
    /// </summary>
    private sealed class Statements : IDisposable
    {
        public Statements(SqliteConnection connection)
        {
            ClaimBatch = new SqliteStatement(connection,
                "INSERT OR IGNORE INTO Batches (AgentId, BatchId, Count, ReceivedAt) VALUES ($agent, $batch, $count, $received)");
            // CROSS JOIN keeps the keys the outer loop, each found through the primary key.
            LoadLinks = new SqliteStatement(connection,
                $"SELECT {LinkRows.Columns} FROM json_each($keys) k CROSS JOIN Links l " +
                "ON l.AgentId = json_extract(k.value, '$[0]') AND l.ProbeId = json_extract(k.value, '$[1]')");
            NextResultId = connection.CreateCommand();
            NextResultId.CommandText =
                "SELECT max(coalesce((SELECT max(Id) FROM Results), 0), coalesce((SELECT Position FROM JobCursors WHERE Name = '" +
                ResultRecord.RollupCursor + "'), 0)) + 1";
            InsertResult = new SqliteStatement(connection, InsertResultSql);
            InsertTransition = new SqliteStatement(connection,
                "INSERT INTO Transitions (AgentId, ProbeId, FlowId, TargetHost, Port, FromOutcome, ToOutcome, At) " +
                "VALUES ($agent, $probe, $flow, $target, $port, $from, $to, $at)");
            UpsertLink = new SqliteStatement(connection,
                "INSERT INTO Links (AgentId, ProbeId, FlowId, TargetHost, Port, Outcome, Since, LastAt, LatencyMs, Detail, Degraded, IntervalSeconds, Streak) " +
                "VALUES ($agent, $probe, $flow, $target, $port, $outcome, $since, $last, $latency, $detail, $degraded, $interval, $streak) " +
                // FlowId and Port are part of ProbeId (flow/target/port), so never change on a conflict: leaving FlowId
                // out spares its index an entry rewritten per result.
                "ON CONFLICT (AgentId, ProbeId) DO UPDATE SET TargetHost = excluded.TargetHost, " +
                "Outcome = excluded.Outcome, Since = excluded.Since, LastAt = excluded.LastAt, LatencyMs = excluded.LatencyMs, Detail = excluded.Detail, " +
                "Degraded = excluded.Degraded, IntervalSeconds = excluded.IntervalSeconds, Streak = excluded.Streak");
            TouchAgent = new SqliteStatement(connection, "UPDATE Agents SET LastSeenAt = $at WHERE Id = $id");
        }

        public SqliteStatement ClaimBatch { get; }
        public SqliteStatement LoadLinks { get; }
        public SqliteCommand NextResultId { get; }
        public SqliteStatement InsertResult { get; }
        public SqliteStatement InsertTransition { get; }
        public SqliteStatement UpsertLink { get; }
        public SqliteStatement TouchAgent { get; }

        public SqliteCommand Use(SqliteCommand command, SqliteTransaction transaction)
        {
            command.Transaction = transaction;
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
