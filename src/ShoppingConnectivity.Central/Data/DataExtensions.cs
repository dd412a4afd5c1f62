using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Data;

public static class DataExtensions
{
    public const string ConnectionStringName = "Central";
    public const string DatabaseFileName = "shopping-connectivity.db";

    /// <summary>
    /// SQLite under the data folder unless ConnectionStrings:Central says otherwise; PostgreSQL when
    /// Central:Database:Provider is PostgreSql. Either way the rest of central asks for <see cref="CentralDbContext"/>.
    /// </summary>
    public static IHostApplicationBuilder AddCentralData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString)) o.ConnectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        if (DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.PostgreSql)
        {
            // One data source (its pool) for EF, the bulk writer and the listener of other nodes' changes (Ingestion).
            builder.Services.AddSingleton(services =>
                new Npgsql.NpgsqlDataSourceBuilder(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString).Build());
            builder.Services.AddDbContextFactory<PostgresCentralDbContext>((services, options) =>
                options.UseNpgsql(services.GetRequiredService<Npgsql.NpgsqlDataSource>(), OneCollectionParameter));
            builder.Services.AddSingleton<IDbContextFactory<CentralDbContext>>(services =>
                new BaseContextFactory<PostgresCentralDbContext>(services.GetRequiredService<IDbContextFactory<PostgresCentralDbContext>>()));
            builder.Services.AddScoped<CentralDbContext>(services => services.GetRequiredService<PostgresCentralDbContext>());
            return builder;
        }

        builder.Services.AddDbContextFactory<CentralDbContext>((services, options) =>
        {
            var connectionString = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var central = services.GetRequiredService<IOptions<CentralOptions>>().Value;
                connectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(central.DataDirectory, DatabaseFileName),
                    Pooling = true,
                }.ToString();
            }

            options.UseSqlite(connectionString, OneCollectionParameter).AddInterceptors(SqliteBusyTimeout.Instance);
        });
        return builder;
    }

    /// <summary>
    /// A list in a query (<c>ids.Contains(a.Id)</c>) goes as one parameter (SQLite's json_each, PostgreSQL's array), not
    /// EF Core 10's default of one parameter per item: the token cache asks for every agent it holds at once, which on
    /// a big estate is past SQLite's 32,766 variables, and Microsoft.Data.Sqlite binds each by name, a cost that grows
    /// with the square of their number (9 % of central's CPU with 5,000 agents at 1,000 results/s).
    /// </summary>
    private static void OneCollectionParameter<TBuilder, TExtension>(RelationalDbContextOptionsBuilder<TBuilder, TExtension> options)
        where TBuilder : RelationalDbContextOptionsBuilder<TBuilder, TExtension>
        where TExtension : RelationalOptionsExtension, new() =>
        options.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);

    /// <summary>
    /// Creates the data folder (0700) and, on SQLite, the database file (0600), applies migrations and (SQLite) turns on
    /// WAL so readers never block the writer.
    /// </summary>
    public static async Task MigrateCentralDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        // Settings first: a bad provider or connection string is reported by its key, not as a failed connection.
        _ = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var central = services.GetRequiredService<IOptions<CentralOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataExtensions).FullName!);
        PrivateFiles.CreateDataFolder(central.DataDirectory, logger);
        var factory = services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite()) ProtectSqliteFiles(db.Database.GetConnectionString(), logger);
        if (db.Database.IsNpgsql())
        {
            // Otherwise EF first reads a history table that is not there yet and logs that read as an error.
            try
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DuplicateTable)
            {
                // Another node starting at the same moment created it.
            }
        }

        // Several nodes may start at once on one PostgreSQL: EF's migration lock makes the others wait.
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    /// <summary>
    /// The database file is made 0600 before SQLite opens it: SQLite would create it with the umask's mode, and creates
    /// its -wal and -shm files with the database's mode. Files an earlier version left open lose their group and other bits.
    /// </summary>
    private static void ProtectSqliteFiles(string? connectionString, ILogger logger)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:" || sqlite.DataSource.StartsWith("file:", StringComparison.Ordinal)) return;
        var path = Path.GetFullPath(sqlite.DataSource);
        if (Directory.Exists(Path.GetDirectoryName(path))) PrivateFiles.CreateFile(path);
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }) PrivateFiles.MakePrivate(file, logger);
    }

    /// <summary>Hands out a derived context where <see cref="CentralDbContext"/> is asked for.</summary>
    private sealed class BaseContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CentralDbContext>
        where TContext : CentralDbContext
    {
        public CentralDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<CentralDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
