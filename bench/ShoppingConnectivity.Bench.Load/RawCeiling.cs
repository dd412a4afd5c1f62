using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Ingestion;
using ShoppingConnectivity.Contracts;
using SQLitePCL;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The ceiling for raw results: the same rows inserted straight into the same schema (central's migrations), with one
/// prepared statement in transactions of a given size, on the same kind of connection the writer uses (WAL, the same
/// pragmas). No HTTP, no JSON, no links, no dedup: what SQLite itself can take on this machine. Two ways: through
/// Microsoft.Data.Sqlite (the ADO.NET provider central uses) and through SQLitePCLRaw's raw API (what that provider
/// calls underneath), each warmed up first and on a fresh database per measurement.
/// </summary>
public static class RawCeiling
{
    public enum Api
    {
        /// <summary>Microsoft.Data.Sqlite: SqliteCommand with typed parameters, as central's writer.</summary>
        AdoNet,

        /// <summary>SQLitePCLRaw: sqlite3_bind_* and sqlite3_step on one statement, text encoded to UTF-8 into one reused buffer.</summary>
        Raw,
    }

    public sealed record Figure(Api Api, int GroupRows, double PerSecond, double CpuMicrosecondsPerRow);

    /// <summary>
    /// Measures each transaction size with each API (after a warm-up), prints every figure and returns the best per
    /// API: the honest ceiling is the best this machine does, not the first setting tried.
    /// </summary>
    public static (Figure AdoNet, Figure Raw) Search(string folder, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows, IReadOnlyList<int> sizes)
    {
        var template = Path.Combine(folder, "raw-ceiling-template.db");
        CreateSchema(template);
        var path = Path.Combine(folder, "raw-ceiling.db");
        var warm = rows.Take(Math.Min(rows.Count, 100_000)).ToList();
        var best = new Dictionary<Api, Figure>();
        foreach (var api in new[] { Api.AdoNet, Api.Raw })
        {
            Fresh(template, path);
            Measure(api, path, warm, 5_000); // JIT, page cache, the file's first pages
            foreach (var size in sizes)
            {
                Fresh(template, path);
                var figure = Measure(api, path, rows, size);
                Console.WriteLine($"raw ceiling, {api,-6} {size,7:N0} rows per transaction: {figure.PerSecond,9:N0} rows/s, {figure.CpuMicrosecondsPerRow:0.00} µs of CPU per row");
                if (!best.TryGetValue(api, out var top) || figure.PerSecond > top.PerSecond) best[api] = figure;
            }
        }

        foreach (var file in new[] { template, path, path + "-wal", path + "-shm" }) File.Delete(file);
        return (best[Api.AdoNet], best[Api.Raw]);
    }

    public static Figure Measure(Api api, string path, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows, int groupRows)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        if (api == Api.AdoNet) InsertAdoNet(path, rows, groupRows);
        else InsertRaw(path, rows, groupRows);
        var elapsed = clock.Elapsed;
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return new Figure(api, groupRows, rows.Count / elapsed.TotalSeconds, used.TotalMicroseconds / rows.Count);
    }

    private static void CreateSchema(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using var db = new CentralDbContext(new DbContextOptionsBuilder<CentralDbContext>().UseSqlite(connectionString).Options);
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static void Fresh(string template, string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        File.Copy(template, path);
    }

    private static void InsertAdoNet(string path, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows, int groupRows)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SqliteIngestionStore.ConnectionPragmas;
            pragma.ExecuteNonQuery();
        }

        using var command = Insert(connection);
        var p = command.Parameters;
        var id = 0L;
        for (var start = 0; start < rows.Count; start += groupRows)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            command.Transaction = transaction;
            var received = DateTimeOffset.UtcNow.UtcTicks;
            for (int i = start, end = Math.Min(rows.Count, start + groupRows); i < end; i++)
            {
                var (agentId, batchId, r) = rows[i];
                p[0].Value = agentId;
                p[1].Value = r.ProbeId;
                p[2].Value = r.FlowId;
                p[3].Value = (long)r.Outcome;
                p[4].Value = r.LatencyMs is { } l ? l : DBNull.Value;
                p[5].Value = (object?)r.Detail ?? DBNull.Value;
                p[6].Value = r.Degraded ? 1L : 0L;
                p[7].Value = r.At.UtcTicks;
                p[8].Value = received;
                p[9].Value = batchId.ToByteArray();
                p[10].Value = ++id; // the writer hands out the ids too
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private static void InsertRaw(string path, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows, int groupRows)
    {
        Batteries_V2.Init();
        Check(raw.sqlite3_open(path, out var db), null, "open");
        using (db)
        {
            Check(raw.sqlite3_exec(db, SqliteIngestionStore.ConnectionPragmas), db, "pragmas");
            Check(raw.sqlite3_prepare_v2(db, SqliteIngestionStore.InsertResultSql, out var statement), db, "prepare");
            using (statement)
            {
                Span<byte> text = stackalloc byte[4096];
                Span<byte> guid = stackalloc byte[16];
                var id = 0L;
                for (var start = 0; start < rows.Count; start += groupRows)
                {
                    Check(raw.sqlite3_exec(db, "BEGIN IMMEDIATE"), db, "begin");
                    var received = DateTimeOffset.UtcNow.UtcTicks;
                    for (int i = start, end = Math.Min(rows.Count, start + groupRows); i < end; i++)
                    {
                        var (agentId, batchId, r) = rows[i];
                        // Parameters are numbered in the order the SQL names them: $agent = 1 ... $id = 11.
                        Text(statement, 1, agentId, text);
                        Text(statement, 2, r.ProbeId, text);
                        Text(statement, 3, r.FlowId, text);
                        raw.sqlite3_bind_int64(statement, 4, (long)r.Outcome);
                        if (r.LatencyMs is { } l) raw.sqlite3_bind_double(statement, 5, l);
                        else raw.sqlite3_bind_null(statement, 5);
                        if (r.Detail is { } detail) Text(statement, 6, detail, text);
                        else raw.sqlite3_bind_null(statement, 6);
                        raw.sqlite3_bind_int64(statement, 7, r.Degraded ? 1 : 0);
                        raw.sqlite3_bind_int64(statement, 8, r.At.UtcTicks);
                        raw.sqlite3_bind_int64(statement, 9, received);
                        batchId.TryWriteBytes(guid);
                        raw.sqlite3_bind_blob(statement, 10, guid);
                        raw.sqlite3_bind_int64(statement, 11, ++id);
                        if (raw.sqlite3_step(statement) != raw.SQLITE_DONE) Check(raw.sqlite3_errcode(db), db, "step");
                        raw.sqlite3_reset(statement);
                    }

                    Check(raw.sqlite3_exec(db, "COMMIT"), db, "commit");
                }
            }
        }
    }

    private static void Text(sqlite3_stmt statement, int index, string value, Span<byte> buffer)
    {
        var length = Encoding.UTF8.GetBytes(value, buffer);
        raw.sqlite3_bind_text(statement, index, buffer[..length]);
    }

    private static void Check(int code, sqlite3? db, string what)
    {
        if (code is raw.SQLITE_OK or raw.SQLITE_DONE) return;
        throw new InvalidOperationException($"SQLite {what} failed ({code}): {(db is null ? "" : raw.sqlite3_errmsg(db).utf8_to_string())}");
    }

    /// <summary>The writer's INSERT as a Microsoft.Data.Sqlite command (the writer itself binds it through SQLite's API).</summary>
    private static SqliteCommand Insert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = SqliteIngestionStore.InsertResultSql;
        foreach (var name in (string[])["$agent", "$probe", "$flow", "$outcome", "$latency", "$detail", "$degraded", "$at", "$received", "$batch", "$id"])
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }
}
