using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The ceiling for raw results: the same rows inserted straight into the same schema (central's migrations), with one
/// prepared statement in transactions of <c>groupRows</c>, on the same kind of connection the writer uses (WAL, the
/// same page cache). No HTTP, no JSON, no links, no dedup: what SQLite itself can take on this machine.
/// </summary>
public static class RawCeiling
{
    public static async Task<(double PerSecond, double CpuMicrosecondsPerRow)> MeasureAsync(string path, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows, int groupRows)
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
            pragma.CommandText = $"PRAGMA cache_size = -{SqliteIngestionStore.CacheKibibytes};";
            pragma.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Results (AgentId, ProbeId, FlowId, Outcome, LatencyMs, Detail, Degraded, At, ReceivedAt, BatchId) " +
                             "VALUES ($agent, $probe, $flow, $outcome, $latency, $detail, $degraded, $at, $received, $batch)";
        var p = new[]
        {
            insert.Parameters.Add("$agent", SqliteType.Text), insert.Parameters.Add("$probe", SqliteType.Text), insert.Parameters.Add("$flow", SqliteType.Text),
            insert.Parameters.Add("$outcome", SqliteType.Text), insert.Parameters.Add("$latency", SqliteType.Real), insert.Parameters.Add("$detail", SqliteType.Text),
            insert.Parameters.Add("$degraded", SqliteType.Integer), insert.Parameters.Add("$at", SqliteType.Integer), insert.Parameters.Add("$received", SqliteType.Integer),
            insert.Parameters.Add("$batch", SqliteType.Text),
        };
        var outcomes = Enum.GetNames<ProbeOutcome>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += groupRows)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            p[8].Value = DateTimeOffset.UtcNow.UtcTicks;
            for (var i = start; i < Math.Min(rows.Count, start + groupRows); i++)
            {
                var (agentId, batchId, r) = rows[i];
                p[0].Value = agentId;
                p[1].Value = r.ProbeId;
                p[2].Value = r.FlowId;
                p[3].Value = outcomes[(int)r.Outcome];
                p[4].Value = r.LatencyMs is { } l ? l : DBNull.Value;
                p[5].Value = (object?)r.Detail ?? DBNull.Value;
                p[6].Value = r.Degraded ? 1L : 0L;
                p[7].Value = r.At.UtcTicks;
                p[9].Value = batchId.ToString().ToUpperInvariant();
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (rows.Count / elapsed.TotalSeconds, used.TotalMicroseconds / rows.Count);
    }
}
