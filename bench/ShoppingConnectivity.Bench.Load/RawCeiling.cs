using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The ceiling for raw results: the same rows inserted straight into the same schema (central's migrations), with one
/// prepared statement in transactions of <c>groupRows</c>, on the same kind of connection the writer uses (WAL, the
/// same page cache). No HTTP, no JSON, no links, no dedup: what SQLite itself can take on this machine.
/// </summary>
public static class RawCeiling
{
    public static async Task<(double PerSecond, double CpuMicrosecondsPerRow)> MeasureAsync(string path, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows, int groupRows, int rowsPerStatement = 1)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using (var db = new CentralDbContext(new DbContextOptionsBuilder<CentralDbContext>().UseSqlite(connectionString).Options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SqliteIngestionStore.ConnectionPragmas;
            pragma.ExecuteNonQuery();
        }

        var single = Insert(connection, 1);
        var multi = rowsPerStatement > 1 ? Insert(connection, rowsPerStatement) : single;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var id = 0L;
        for (var start = 0; start < rows.Count; start += groupRows)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var end = Math.Min(rows.Count, start + groupRows);
            var received = DateTimeOffset.UtcNow.UtcTicks;
            var i = start;
            for (; i + rowsPerStatement <= end; i += rowsPerStatement) Run(multi, i, rowsPerStatement);
            for (; i < end; i++) Run(single, i, 1);
            transaction.Commit();

            void Run(SqliteCommand command, int first, int count)
            {
                command.Transaction = transaction;
                var p = command.Parameters;
                for (var k = 0; k < count; k++)
                {
                    var (agentId, batchId, r) = rows[first + k];
                    var o = k * Columns;
                    p[o].Value = agentId;
                    p[o + 1].Value = r.ProbeId;
                    p[o + 2].Value = r.FlowId;
                    p[o + 3].Value = SqliteIngestionStore.OutcomeNumbers[(int)r.Outcome];
                    p[o + 4].Value = r.LatencyMs is { } l ? l : DBNull.Value;
                    p[o + 5].Value = (object?)r.Detail ?? DBNull.Value;
                    p[o + 6].Value = r.Degraded ? 1L : 0L;
                    p[o + 7].Value = r.At.UtcTicks;
                    p[o + 8].Value = received;
                    p[o + 9].Value = batchId.ToByteArray();
                    p[o + 10].Value = ++id; // the writer hands out the ids too
                }

                command.ExecuteNonQuery();
            }
        }

        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (rows.Count / elapsed.TotalSeconds, used.TotalMicroseconds / rows.Count);
    }

    private static int Columns => SqliteIngestionStore.InsertResultParameters.Length;

    /// <summary>The writer's INSERT of <paramref name="rows"/> rows (multi-row VALUES), parameters $p0..$pN in column order.</summary>
    public static SqliteCommand Insert(SqliteConnection connection, int rows)
    {
        var command = connection.CreateCommand();
        if (rows == 1)
        {
            command.CommandText = SqliteIngestionStore.InsertResultSql;
            foreach (var (name, type) in SqliteIngestionStore.InsertResultParameters) command.Parameters.Add(name, type);
            return command;
        }

        var sql = SqliteIngestionStore.InsertResultSql;
        var head = sql[..sql.IndexOf(" VALUES ", StringComparison.Ordinal)];
        var values = new List<string>(rows);
        for (var r = 0; r < rows; r++)
        {
            values.Add("(" + string.Join(", ", Enumerable.Range(0, Columns).Select(c => $"$p{r * Columns + c}")) + ")");
            for (var c = 0; c < Columns; c++) command.Parameters.Add($"$p{r * Columns + c}", SqliteIngestionStore.InsertResultParameters[c].Type);
        }

        command.CommandText = head + " VALUES " + string.Join(", ", values);
        return command;
    }
}
