using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Npgsql;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Where the Data Protection keys live: they protect sign-in cookies, antiforgery tokens, circuits and the stored SMTP
/// password. One SQLite node keeps them beside its database, under the data folder. On PostgreSQL they are in the
/// database (table DataProtectionKeys), so every node reads what another issued: a person whose node stops goes on,
/// signed in, on the next one.
/// </summary>
public static class DataProtectionExtensions
{
    public const string ApplicationName = "ShoppingConnectivity.Central";

    /// <summary>Nodes starting together take turns on the key ring (any fixed number: "SCDPKEYS").</summary>
    private const long KeyRingLock = 0x5343_4450_4B45_5953;

    public static IHostApplicationBuilder AddCentralDataProtection(this IHostApplicationBuilder builder)
    {
        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.PostgreSql)
        {
            protection.PersistKeysToDbContext<PostgresCentralDbContext>();
        }
        else
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(KeysFolder(builder.Configuration, builder.Environment)));
        }

        return builder;
    }

    /// <summary>
    /// PostgreSQL: before serving, under a lock the other nodes wait for, takes over the keys a node of an earlier
    /// version kept in its data folder (sessions and the SMTP password protected with them stay readable) and makes sure
    /// the ring has a key. Without the lock, two nodes starting on an empty ring would each make a key of their own and,
    /// for up to a day (the ring's refresh), not read each other's cookies.
    /// </summary>
    public static async Task PrepareKeyRingAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ProviderKind != DatabaseProvider.PostgreSql) return;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataProtectionExtensions).FullName!);
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@lock)", cancellationToken);
        try
        {
            var folder = KeysFolder(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
            var adopted = await AdoptFileKeysAsync(connection, folder, cancellationToken);
            if (adopted > 0) logger.LogInformation("Took {Count} Data Protection key(s) from the data folder into the database.", adopted);
            // Protecting anything reads the ring, and creates and stores its first key when it has none.
            _ = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ApplicationName + ".Startup").Protect([0]);
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@lock)", CancellationToken.None);
        }
    }

    /// <summary>Copies the data folder's key files the database does not have yet (named as the EF repository names them).</summary>
    private static async Task<int> AdoptFileKeysAsync(NpgsqlConnection connection, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return 0;
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using (var select = new NpgsqlCommand("SELECT \"FriendlyName\" FROM \"DataProtectionKeys\" WHERE \"FriendlyName\" IS NOT NULL", connection))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken)) known.Add(reader.GetString(0));
        }

        var adopted = 0;
        foreach (var file in Directory.GetFiles(folder, "key-*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name)) continue;
            await using var insert = new NpgsqlCommand("INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (@name, @xml)", connection);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("xml", XElement.Load(file).ToString(SaveOptions.DisableFormatting));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            adopted++;
        }

        return adopted;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("lock", KeyRingLock);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The data folder's keys folder, read from the configuration: registration needs it before the options exist, and
    /// the start-up step uses the same reading, so both name one folder.
    /// </summary>
    private static string KeysFolder(IConfiguration configuration, IHostEnvironment environment) =>
        Path.Combine(
            CentralOptions.ResolvePath(
                configuration[$"{CentralOptions.Section}:{nameof(CentralOptions.DataDirectory)}"] is { Length: > 0 } d ? d : "data",
                environment),
            "keys");
}
