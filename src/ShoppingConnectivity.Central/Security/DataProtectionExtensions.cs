using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Where the Data Protection keys live: they protect sign-in cookies, antiforgery tokens, circuits and the stored SMTP
/// password. One SQLite node keeps them beside its database, under the data folder. On PostgreSQL they are in the
/// database (table DataProtectionKeys), so every node reads what another issued: a person whose node stops goes on,
/// signed in, on the next one. Either way they are encrypted at rest as <see cref="KeyRingProtection"/> says.
/// </summary>
public static class DataProtectionExtensions
{
    public const string ApplicationName = "ShoppingConnectivity.Central";

    /// <summary>Nodes starting together take turns on the key ring (any fixed number: "SCDPKEYS").</summary>
    private const long KeyRingLock = 0x5343_4450_4B45_5953;

    public static IHostApplicationBuilder AddCentralDataProtection(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(KeyRingOptions.Section);
        builder.Services.AddOptions<KeyRingOptions>().Bind(section).PostConfigure(o => o.ResolvePaths(builder.Environment)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>, KeyRingOptionsValidator>();
        // Data Protection takes its certificates as objects when it is registered, so they are opened here; settings
        // that do not validate register none, and stop the start in PrepareKeyRingAsync, which names their keys.
        var settings = section.Get<KeyRingOptions>() ?? new KeyRingOptions();
        settings.ResolvePaths(builder.Environment);
        if (new KeyRingOptionsValidator().Validate(null, settings).Failed) settings = new KeyRingOptions();
        var shared = DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.PostgreSql;
        var ring = new KeyRingProtection(settings, shared);
        builder.Services.AddSingleton(ring);

        var protection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (shared) protection.PersistKeysToDbContext<PostgresCentralDbContext>();
        else protection.PersistKeysToFileSystem(new DirectoryInfo(KeysFolder(builder.Configuration, builder.Environment)));
        if (ring.Certificate is not null) protection.ProtectKeysWithCertificate(ring.Certificate);
        else if (ring.UsesDpapi && OperatingSystem.IsWindows()) protection.ProtectKeysWithDpapi();
        // Keys stored unencrypted before need nothing to be read; keys under a previous certificate need it.
        if (ring.PreviousCertificates.Count > 0) protection.UnprotectKeysWithAnyCertificate([.. ring.PreviousCertificates]);
        return builder;
    }

    /// <summary>
    /// Readies the key ring before serving. On SQLite its folder is made private (0700, its files 0600). On PostgreSQL,
    /// under a lock the other nodes wait for, it takes over the keys a node of an earlier version kept in its data folder
    /// (sessions and the SMTP password protected with them stay readable). Then it makes sure the ring has a key, and
    /// that the key in use is encrypted as the settings say. Without the lock, two nodes starting on an empty ring would
    /// each make a key of their own and, for up to a day (the ring's refresh), not read each other's cookies.
    /// </summary>
    public static async Task PrepareKeyRingAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        // Settings first: a certificate that does not open is reported by its key.
        _ = services.GetRequiredService<IOptions<KeyRingOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataProtectionExtensions).FullName!);
        var ring = services.GetRequiredService<KeyRingProtection>();
        var folder = KeysFolder(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IHostEnvironment>());
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ProviderKind != DatabaseProvider.PostgreSql)
        {
            PrivateFiles.CreateOwnFolder(folder, logger);
            foreach (var file in Directory.GetFiles(folder)) PrivateFiles.MakePrivate(file, logger);
            ReadyKeys(services, ring, logger);
            if (!ring.Encrypts) WarnUnencrypted(logger, $"in the folder {folder}");
            return;
        }

        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@lock)", cancellationToken);
        try
        {
            var adopted = await AdoptFileKeysAsync(connection, folder, cancellationToken);
            if (adopted > 0) logger.LogInformation("Took {Count} Data Protection key(s) from the data folder into the database.", adopted);
            ReadyKeys(services, ring, logger);
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@lock)", CancellationToken.None);
        }

        if (!ring.Encrypts) WarnUnencrypted(logger, "in the database (table DataProtectionKeys)");
    }

    /// <summary>
    /// Makes sure the ring has a key (protecting anything makes the first one) and, when keys are encrypted, that the
    /// key in use is encrypted as now: otherwise a new key is made. The older keys stay as they were stored (unencrypted,
    /// or under a previous certificate) and still read what they protected, until they expire; what is protected from
    /// now on (cookies, an SMTP password saved again) needs the certificate.
    /// </summary>
    private static void ReadyKeys(IServiceProvider services, KeyRingProtection ring, ILogger logger)
    {
        _ = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ApplicationName + ".Startup").Protect([0]);
        if (!ring.Encrypts) return;
        var options = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value;
        var keys = services.GetRequiredService<IKeyManager>();
        // The key ring's own clock: Data Protection takes no TimeProvider, and the key in use is the one it would pick.
        var now = TimeProvider.System.GetUtcNow();
        var inUse = keys.GetAllKeys().Where(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now).MaxBy(k => k.ActivationDate);
        var encrypted = options.XmlRepository!.GetAllElements()
            .Where(e => e.Name == "key" && ring.IsEncryptedAsNow(e))
            .Select(e => (Guid?)e.Attribute("id"))
            .ToHashSet();
        if (inUse is not null && encrypted.Contains(inUse.KeyId)) return;
        keys.CreateNewKey(now, now + options.NewKeyLifetime);
        logger.LogInformation("Made a new Data Protection key, encrypted {How}: the key in use was stored unencrypted or under another certificate; "
            + "older keys still read what they protected until they expire.", ring.Describe());
    }

    private static void WarnUnencrypted(ILogger logger, string where) =>
        logger.LogWarning("The Data Protection key ring (it protects sign-in cookies and the stored SMTP password) is stored unencrypted {Where}; "
            + "set {Setting} to a certificate that encrypts it (README, \"Secrets at rest\").", where, KeyRingOptions.CertificatePathKey);

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
