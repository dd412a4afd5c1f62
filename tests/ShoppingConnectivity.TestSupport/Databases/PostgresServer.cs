using System.Diagnostics;
using Npgsql;
using ShoppingConnectivity.TestSupport.Lab;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.TestSupport.Databases;

/// <summary>
/// A private PostgreSQL cluster for one test run (Debian's postgresql package): initdb into a temp folder, started on a
/// free loopback port, stopped and removed when the test process exits. Tests get a database each.
/// </summary>
public sealed class PostgresServer
{
    /// <summary>SC_TEST_DB=postgresql runs the Central suite's factories on PostgreSQL instead of SQLite.</summary>
    public static bool Selected =>
        string.Equals(Environment.GetEnvironmentVariable("SC_TEST_DB"), "postgresql", StringComparison.OrdinalIgnoreCase);

    private static readonly Lazy<PostgresServer> SharedServer = new(() => new PostgresServer(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The run's server, started on first use.</summary>
    public static PostgresServer Shared => SharedServer.Value;

    /// <summary>
    /// A server for benchmarks: durable as in production (fsync, synchronous commit and full-page writes on) with
    /// 256 MB of shared buffers; the tests' server turns durability off to keep each test's setup quick.
    /// </summary>
    public static PostgresServer StartDurable() => new(durable: true);

    private readonly string _directory;
    private readonly string _bin;

    public int Port { get; }

    private PostgresServer(bool durable = false)
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() ?? ""
            : "";
        if (_bin.Length == 0) throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb): run tests/install-prerequisites.sh.");
        RemoveLeftovers(_bin);
        _directory = Path.Combine(Path.GetTempPath(), $"sc-postgres-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(_directory);
        // initdb refuses root: the cluster belongs to the postgres user the package created.
        if (Environment.UserName == "root") Commands.Check(["chown", "postgres:postgres", _directory]);
        Port = LoopbackPorts.Free();
        var data = Path.Combine(_directory, "data");
        AsOwner(Path.Combine(_bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        // Durability is not under test: fsync off keeps each test's CREATE DATABASE and migration quick.
        var settings = $"-k {_directory} -p {Port} -c listen_addresses=127.0.0.1 -c max_connections=400 " +
                       (durable ? "-c shared_buffers=256MB" : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        AsOwner(Path.Combine(_bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_directory, "server.log"), "-o", settings, "-w", "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>Connection string of <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        MaxPoolSize = 30,
    }.ToString();

    /// <summary>Creates the database unless it exists (a test starting central again on the same data).</summary>
    public void CreateDatabase(string name)
    {
        try
        {
            Execute($"CREATE DATABASE \"{name}\"");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Already there: the same data folder again.
        }
    }

    public void DropDatabase(string name) => Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    /// <summary>Runs one statement in the maintenance database.</summary>
    public void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private void Stop()
    {
        try
        {
            AsOwner(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }

    /// <summary>
    /// Clusters of earlier runs whose test process is gone (a test host killed before its exit handler finished):
    /// stopped if still running, then removed.
    /// </summary>
    private static void RemoveLeftovers(string bin)
    {
        foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), "sc-postgres-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[2], out var pid) || ProcessExists(pid)) continue;
            try
            {
                if (File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
                    AsOwner(Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
                // Not running any more.
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Another run is removing it.
            }
        }
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void AsOwner(string program, params string[] arguments)
    {
        // From /tmp: the postgres user may not enter the test's working folder.
        string[] command = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--", program, .. arguments] : [program, .. arguments];
        Commands.Check(command, timeout: TimeSpan.FromMinutes(2), workingDirectory: "/tmp");
    }
}
