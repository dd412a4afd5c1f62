using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The raw ceiling on PostgreSQL: the same rows as <see cref="RawCeiling"/> written by binary COPY into central's
/// Results table (central's PostgreSQL migrations, in a fresh database of its own on the same server, dropped after),
/// the columns exactly as PostgresIngestionStore writes them, one COPY per transaction. The transaction size is
/// searched: each size tried writes every row into an emptied table, and the fastest is returned. No HTTP, no JSON, no
/// links, no dedup: what PostgreSQL itself takes on this machine.
/// </summary>
public static class PgCeiling
{
    public static readonly IReadOnlyList<int> DefaultGroupSizes = [1_000, 4_000, 20_000, 100_000];

    /// <param name="PerSecond">Results per second at the best transaction size.</param>
    /// <param name="BenchCpuMicrosecondsPerRow">CPU of this process per result (Npgsql encoding the rows).</param>
    /// <param name="BackendCpuMicrosecondsPerRow">CPU of the PostgreSQL backend serving the connection, from /proc; NaN when it is not readable (another machine).</param>
    /// <param name="GroupRows">The best transaction size.</param>
    public sealed record Figures(double PerSecond, double BenchCpuMicrosecondsPerRow, double BackendCpuMicrosecondsPerRow, int GroupRows)
    {
        public double CpuMicrosecondsPerRow => BenchCpuMicrosecondsPerRow + (double.IsNaN(BackendCpuMicrosecondsPerRow) ? 0 : BackendCpuMicrosecondsPerRow);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{PerSecond:N0} results/s, {CpuMicrosecondsPerRow:0.0} µs of CPU per result (bench {BenchCpuMicrosecondsPerRow:0.0} + PostgreSQL backend " +
            $"{(double.IsNaN(BackendCpuMicrosecondsPerRow) ? "not readable" : BackendCpuMicrosecondsPerRow.ToString("0.0", CultureInfo.InvariantCulture))}), " +
            $"binary COPY, {GroupRows:N0} per transaction");
    }

    /// <summary>
    /// The entry for IngestBenchmark: the rows it built, the connection string central was given (any database on the
    /// server: the ceiling makes its own beside it). Prints each transaction size tried to <paramref name="log"/>.
    /// </summary>
    public static async Task<Figures> MeasureAsync(string connectionString, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows,
        IReadOnlyList<int>? groupSizes = null, TextWriter? log = null)
    {
        log ??= Console.Out;
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var maintenance = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString;
        var name = $"sc_bench_ceiling_{Guid.NewGuid():N}"[..32];
        var own = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
        await Execute(maintenance, $"CREATE DATABASE \"{name}\"");
        try
        {
            await using (var db = new PostgresCentralDbContext(new DbContextOptionsBuilder<PostgresCentralDbContext>().UseNpgsql(own).Options))
                await db.Database.MigrateAsync();

            await using var connection = new NpgsqlConnection(own);
            await connection.OpenAsync();
            int backendPid;
            await using (var pid = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
                backendPid = (int)(await pid.ExecuteScalarAsync())!;

            // Warm, one whole pass not counted: the first size tried was the slowest whatever it was (this process's tiered JIT,
            // PostgreSQL's caches and the table's first extension of its files).
            for (var start = 0; start < rows.Count; start += 4_000) await CopyAsync(connection, rows, start, Math.Min(rows.Count, start + 4_000));
            Figures? best = null;
            foreach (var size in groupSizes ?? DefaultGroupSizes)
            {
                await using (var truncate = new NpgsqlCommand("TRUNCATE \"Results\" RESTART IDENTITY", connection))
                    await truncate.ExecuteNonQueryAsync();
                try
                {
                    // Each size starts with no dirty pages of the one before to write back.
                    await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
                    await checkpoint.ExecuteNonQueryAsync();
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    // Only a superuser (or pg_checkpoint) may: the sizes then share the server's own checkpoints.
                }

                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var backendCpu = BackendCpu(backendPid);
                var clock = Stopwatch.StartNew();
                for (var start = 0; start < rows.Count; start += size)
                {
                    await using var transaction = await connection.BeginTransactionAsync();
                    await CopyAsync(connection, rows, start, Math.Min(rows.Count, start + size));
                    await transaction.CommitAsync();
                }

                var elapsed = clock.Elapsed;
                var benchUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                var backendUsed = BackendCpu(backendPid) - backendCpu;
                var figures = new Figures(rows.Count / elapsed.TotalSeconds, benchUsed.TotalMicroseconds / rows.Count,
                    backendUsed is { } b ? b.TotalMicroseconds / rows.Count : double.NaN, size);
                log.WriteLine($"pg ceiling, {size:N0} per transaction: {rows.Count:N0} results in {elapsed.TotalSeconds:0.0} s = {figures}");
                if (best is null || figures.PerSecond > best.PerSecond) best = figures;
            }

            return best ?? throw new ArgumentException("No transaction size to try.");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await Execute(maintenance, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    /// <summary>Rows [start, end) by one binary COPY, the columns in PostgresIngestionStore's order and types.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<(string AgentId, Guid BatchId, ProbeResultDto Result)> rows, int start, int end)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Results\" (\"AgentId\", \"ProbeId\", \"FlowId\", \"Outcome\", \"LatencyMs\", \"Detail\", \"Degraded\", \"At\", \"ReceivedAt\", \"BatchId\") FROM STDIN (FORMAT BINARY)");
        var received = DateTimeOffset.UtcNow.UtcTicks;
        // Synchronous writes: the rows sit in Npgsql's buffer, which flushes itself; the async call per field costs CPU the ceiling should not count.
        for (var i = start; i < end; i++)
        {
            var (agentId, batchId, r) = rows[i];
            writer.StartRow();
            writer.Write(agentId, NpgsqlDbType.Text);
            writer.Write(r.ProbeId, NpgsqlDbType.Text);
            writer.Write(r.FlowId, NpgsqlDbType.Text);
            writer.Write((int)r.Outcome, NpgsqlDbType.Integer);
            if (r.LatencyMs is { } latency) writer.Write(latency, NpgsqlDbType.Double);
            else writer.WriteNull();
            if (r.Detail is { } detail) writer.Write(detail, NpgsqlDbType.Text);
            else writer.WriteNull();
            writer.Write(r.Degraded, NpgsqlDbType.Boolean);
            writer.Write(r.At.UtcTicks, NpgsqlDbType.Bigint);
            writer.Write(received, NpgsqlDbType.Bigint);
            writer.Write(batchId, NpgsqlDbType.Uuid);
        }

        await writer.CompleteAsync();
    }

    /// <summary>User + system CPU of a PostgreSQL backend on this machine; null when /proc does not show it (a remote server).</summary>
    private static TimeSpan? BackendCpu(int pid)
    {
        try
        {
            var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// `pg-ceiling`: the ceiling alone. Rows as IngestBenchmark builds them (plans from a central on SQLite started for
    /// the purpose); the server from --connection, else ConnectionStrings__Central, else a private cluster started
    /// here (the tests' one: fsync off, so an optimistic figure).
    /// </summary>
    public static async Task<int> RunAsync(Args args)
    {
        var clients = args.Int("clients", 2000);
        var (minBatch, maxBatch) = args.Range("batch", (1, 500));
        var rawRows = args.Int("raw-rows", 2_000_000);
        var sizes = args.Optional("groups")?.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var connection = args.Optional("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Central");
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-pg-ceiling"));
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        if (connection is null)
        {
            var server = ShoppingConnectivity.TestSupport.Databases.PostgresServer.Shared;
            connection = server.ConnectionString("postgres");
            Console.WriteLine($"no --connection nor ConnectionStrings__Central: a private cluster on port {server.Port} (fsync off, synchronous_commit off)");
        }

        IReadOnlyList<SimAgent> agents;
        // Central on SQLite, only for the plans (its own environment must not point it at PostgreSQL).
        var settings = new Dictionary<string, string> { ["Central__Database__Provider"] = "Sqlite", ["ConnectionStrings__Central"] = "" };
        using (var central = await CentralProcess.StartAsync(folder, Fleet.EstateJson(clients), settings))
        {
            using var http = Fleet.Client(central.Url, 20);
            agents = await Fleet.EnrolAsync(http, Path.Combine(folder, "tokens.tsv"), clients, CentralProcess.EnrolmentKey);
        }

        var rows = ResultFactory.CeilingRows(agents, rawRows, minBatch, maxBatch);
        var best = await MeasureAsync(connection, rows, sizes);
        Console.WriteLine($"pg raw ceiling: {rows.Count:N0} results, best {best}");
        return 0;
    }
}
