using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Catalogue;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Databases;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>
/// Where the key ring lives (the data folder of one SQLite node, the database shared by PostgreSQL nodes) and how it is
/// encrypted there. The tests that do not name a provider run on SC_TEST_DB's.
/// </summary>
public sealed class DataProtectionExtensionsTests : IDisposable
{
    private const string SmtpPassword = "smtp-password-0123";
    private readonly string _database = "sc_keys_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<CentralFactory> _nodes = [];
    private readonly List<string> _folders = [];
    private readonly string _certificates = Directory.CreateTempSubdirectory("sc-key-ring-").FullName;

    private Dictionary<string, string?> PostgreSql => new()
    {
        ["Central:Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:Central"] = PostgresServer.Shared.ConnectionString(_database),
    };

    private CentralFactory Node(Dictionary<string, string?>? settings = null, string? directory = null)
    {
        var node = new CentralFactory(settings, directory: directory);
        _nodes.Add(node);
        return node;
    }

    [Fact]
    public async Task SignIn_OnOnePostgreSqlNode_IsValidOnTheOther()
    {
        PostgresServer.Shared.CreateDatabase(_database);
        var nodeA = Node(PostgreSql);
        using var signedInOnA = await nodeA.SignInAsync();
        var nodeB = Node(PostgreSql);
        using var clientOfB = nodeB.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/edges");
        // The session cookie A issued, as a browser sends it to B once a proxy moved it there.
        var cookies = (await signedInOnA.GetAsync("/api/v1/edges")).RequestMessage!.Headers.GetValues("Cookie");
        request.Headers.Add("Cookie", cookies);

        using var response = await clientOfB.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(nodeA.Directory, "data", "keys")), "PostgreSQL nodes keep no keys in their data folder");
        Assert.Equal(1, await KeysInDatabaseAsync(nodeA));
    }

    [Fact]
    public async Task PrepareKeyRing_TwoPostgreSqlNodesAtOnceOnAnEmptyRing_MakeOneKey()
    {
        PostgresServer.Shared.CreateDatabase(_database);
        using var nodeA = KeyRingHost();
        using var nodeB = KeyRingHost();
        await nodeA.Services.MigrateCentralDatabaseAsync();

        // Each would make a key of its own on an empty ring; under the lock the second finds the first's.
        await Task.WhenAll(Task.Run(() => nodeA.Services.PrepareKeyRingAsync()), Task.Run(() => nodeB.Services.PrepareKeyRingAsync()));

        await using var db = (PostgresCentralDbContext)await nodeA.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
    }

    /// <summary>
    /// Only what the key ring needs of a node (its settings, data and Data Protection), not started: two central hosts
    /// must not be started at once in one process (the test host finds a starting host by a process-wide listener).
    /// </summary>
    private IHost KeyRingHost()
    {
        var directory = Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));
        _folders.Add(directory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(PostgreSql)
        {
            ["Central:DataDirectory"] = Path.Combine(directory, "data"),
            ["Central:EnrolmentKey"] = CentralFactory.EnrolmentKey,
        });
        builder.AddCentralOptions();
        builder.AddCatalogue(); // the settings' validator checks flow names against it
        builder.AddCentralData();
        builder.AddCentralDataProtection();
        return builder.Build();
    }

    [Fact]
    public async Task Start_OnPostgreSqlWithKeysInTheDataFolder_TakesThemIntoTheDatabase()
    {
        PostgresServer.Shared.CreateDatabase(_database);
        // A node of an earlier version kept its keys in its data folder and protected the SMTP password with them.
        var directory = Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));
        var keys = new DirectoryInfo(Path.Combine(directory, "data", "keys"));
        const string purpose = "ShoppingConnectivity.Central.Alerts.SmtpPassword";
        var earlier = DataProtectionProvider.Create(keys, b => b.SetApplicationName(DataProtectionExtensions.ApplicationName));
        var secret = earlier.CreateProtector(purpose).Protect("smtp-password");
        File.WriteAllText(Path.Combine(directory, "estate.json"), CentralFactory.EstateJson);

        var node = Node(PostgreSql, directory);
        node.KeepDirectory = false;

        Assert.Equal("smtp-password", node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(secret));
        Assert.Equal(1, await KeysInDatabaseAsync(node));
        Assert.Contains(node.Logs.Lines, l => l.Message.Contains("Took 1 Data Protection key(s) from the data folder", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_OnSqlite_KeepsTheKeysInTheDataFolder()
    {
        var node = Node(new Dictionary<string, string?> { ["Central:Database:Provider"] = "Sqlite", ["ConnectionStrings:Central"] = "" });

        _ = node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        Assert.Single(Directory.GetFiles(Path.Combine(node.Directory, "data", "keys"), "key-*.xml"));
    }

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task Start_WithACertificate_KeysAtRestHoldNoMasterKeyAndTheSmtpPasswordReads(string format)
    {
        var node = Node(format == "pfx" ? Certificate(KeyRingCertificates.Pfx(_certificates)) : Pem(KeyRingCertificates.Pem(_certificates)));

        await SaveSmtpPasswordAsync(node, SmtpPassword);

        // What someone who copied the keys would find: no <masterKey> to decrypt the SMTP password with.
        var key = Assert.Single(await KeysAtRestAsync(node));
        Assert.True(Holds(key, "encryptedSecret"), key.ToString());
        Assert.False(Holds(key, "masterKey"), key.ToString());
        Assert.Equal(SmtpPassword, await StoredSmtpPasswordAsync(node));
        Assert.DoesNotContain(node.Logs.Lines, l => l.Message.Contains("stored unencrypted", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_WithoutACertificate_WarnsOnceNamingTheSetting()
    {
        var node = Node();

        _ = node.Services;

        var warning = Assert.Single(node.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("Data Protection key ring", StringComparison.Ordinal));
        Assert.Contains("is stored unencrypted", warning.Message);
        Assert.Contains("set Central:DataProtection:Certificate:Path to a certificate", warning.Message);
    }

    [Fact]
    public async Task Start_CertificateSetAfterTheSmtpPasswordWasSaved_ReadsItAndEncryptsTheKeyInUseOnce()
    {
        var certificate = Certificate(KeyRingCertificates.Pfx(_certificates));
        var directory = await StartAndStopAsync(null, SmtpPassword);

        var after = Node(certificate, directory);
        Assert.Equal(SmtpPassword, await StoredSmtpPasswordAsync(after));
        await SaveSmtpPasswordAsync(after, "saved-with-the-certificate");

        var keys = await KeysAtRestAsync(after);
        Assert.Equal(2, keys.Count);
        var encrypted = Assert.Single(keys, k => Holds(k, "encryptedSecret"));
        Assert.Single(keys, k => Holds(k, "masterKey")); // the earlier key, as it was stored
        Assert.Equal((Guid)encrypted.Attribute("id")!, await SmtpPasswordKeyIdAsync(after));
        Assert.Contains(after.Logs.Lines, l => l.Message.StartsWith("Made a new Data Protection key, encrypted with the certificate", StringComparison.Ordinal));
        after.KeepDirectory = true;
        after.Dispose();

        var again = Node(certificate, directory);
        again.KeepDirectory = false;
        Assert.Equal("saved-with-the-certificate", await StoredSmtpPasswordAsync(again));
        Assert.Equal(2, (await KeysAtRestAsync(again)).Count); // a restart makes no key of its own
    }

    [Fact]
    public async Task Start_NewCertificate_KeysOfThePreviousOneReadOnlyWhenItIsListed()
    {
        var first = KeyRingCertificates.Pfx(_certificates, "first");
        var second = KeyRingCertificates.Pfx(_certificates, "second");
        var directory = await StartAndStopAsync(Certificate(first), SmtpPassword);

        var withoutFirst = Node(Certificate(second), directory);
        var unreadable = await StoredSmtpPasswordAsync(withoutFirst);
        withoutFirst.Dispose();
        var both = Node(new Dictionary<string, string?>(Certificate(second)).Concat(Certificate(first, "Central:DataProtection:PreviousCertificates:0")).ToDictionary(), directory);
        both.KeepDirectory = false;

        Assert.Null(unreadable);
        Assert.Equal(SmtpPassword, await StoredSmtpPasswordAsync(both));
        using var secondCertificate = X509CertificateLoader.LoadPkcs12FromFile(second, KeyRingCertificates.Password);
        var raw = Convert.ToBase64String(secondCertificate.RawData);
        Assert.Single(await KeysAtRestAsync(both), k => k.Descendants().Any(e => e.Name.LocalName == "X509Certificate" && e.Value == raw));
    }

    [Fact]
    public void Start_BadCertificateSettings_FailsNamingEachKey()
    {
        const string s = "Central:DataProtection";
        var missing = Path.Combine(_certificates, "missing.pfx");
        var node = Node(new Dictionary<string, string?>
        {
            [$"{s}:Certificate:Path"] = missing,
            [$"{s}:PreviousCertificates:0:Path"] = KeyRingCertificates.Pfx(_certificates),
            [$"{s}:PreviousCertificates:0:Password"] = "not-the-password",
            [$"{s}:PreviousCertificates:1:Path"] = KeyRingCertificates.PfxWithoutKey(_certificates),
            [$"{s}:PreviousCertificates:1:Password"] = KeyRingCertificates.Password,
            [$"{s}:PreviousCertificates:2:Path"] = KeyRingCertificates.EcdsaPfx(_certificates),
            [$"{s}:PreviousCertificates:2:Password"] = KeyRingCertificates.Password,
            [$"{s}:PreviousCertificates:3:Password"] = KeyRingCertificates.Password,
        });

        var error = Assert.Throws<OptionsValidationException>(() => node.CreateClient());

        Assert.Collection(error.Failures,
            f => Assert.Equal($"{s}:Certificate:Path: file '{missing}' does not exist.", f),
            f => Assert.StartsWith($"{s}:PreviousCertificates:0: '{_certificates}/key-ring.pfx' cannot be opened as a .pfx: wrong {s}:PreviousCertificates:0:Password", f),
            f => Assert.StartsWith($"{s}:PreviousCertificates:1: the certificate in '{_certificates}/no-key.pfx' has no private key", f),
            f => Assert.StartsWith($"{s}:PreviousCertificates:2: the certificate in '{_certificates}/ecdsa.pfx' has no RSA key", f),
            f => Assert.Equal($"{s}:PreviousCertificates:3:Path is required.", f));
    }

    private static Dictionary<string, string?> Certificate(string pfx, string key = "Central:DataProtection:Certificate") =>
        new() { [$"{key}:Path"] = pfx, [$"{key}:Password"] = KeyRingCertificates.Password };

    private static Dictionary<string, string?> Pem((string Certificate, string Key) pem) =>
        new() { ["Central:DataProtection:Certificate:Path"] = pem.Certificate, ["Central:DataProtection:Certificate:KeyPath"] = pem.Key };

    /// <summary>Central started with <paramref name="settings"/>, an SMTP password saved, stopped: its folder (and database) stay for the next.</summary>
    private static async Task<string> StartAndStopAsync(Dictionary<string, string?>? settings, string password)
    {
        using var node = new CentralFactory(settings) { KeepDirectory = true };
        await SaveSmtpPasswordAsync(node, password);
        return node.Directory;
    }

    private static async Task SaveSmtpPasswordAsync(CentralFactory node, string password) =>
        Assert.Empty(await node.Services.GetRequiredService<SmtpSettingsStore>()
            .SaveAsync(new SmtpSettingsInput("smtp.contoso.example", 25, SmtpSecurity.None, "alerts", password, false, "central@contoso.example")));

    /// <summary>The SMTP password as central decrypts it to send mail; null when no key it can read protected it.</summary>
    private static async Task<string?> StoredSmtpPasswordAsync(CentralFactory node) =>
        (await node.Services.GetRequiredService<SmtpSettingsStore>().ConnectionAsync())?.Password;

    /// <summary>The id of the key that protected the stored SMTP password (bytes 4 to 20 of a Data Protection payload).</summary>
    private static async Task<Guid> SmtpPasswordKeyIdAsync(CentralFactory node)
    {
        await using var db = await node.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        var payload = WebEncoders.Base64UrlDecode((await db.SmtpSettings.SingleAsync()).ProtectedPassword!);
        return new Guid(payload.AsSpan(4, 16));
    }

    /// <summary>Whether a key's XML has an element of that name (in any namespace: the encrypted secret is in Data Protection's).</summary>
    private static bool Holds(XElement key, string name) => key.Descendants().Any(e => e.Name.LocalName == name);

    /// <summary>The ring's keys as they are stored: the data folder's files on SQLite, the table's rows on PostgreSQL.</summary>
    private static async Task<IReadOnlyList<XElement>> KeysAtRestAsync(CentralFactory node)
    {
        if (node.DatabaseName is null)
            return Directory.GetFiles(Path.Combine(node.Directory, "data", "keys"), "key-*.xml").Select(f => XElement.Load(f)).ToList();
        await using var db = (PostgresCentralDbContext)await node.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return (await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync()).Select(XElement.Parse).ToList();
    }

    private static async Task<int> KeysInDatabaseAsync(CentralFactory node)
    {
        await using var db = (PostgresCentralDbContext)await node.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.CountAsync();
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        foreach (var folder in _folders.Append(_certificates).Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        PostgresServer.Shared.DropDatabase(_database);
    }
}
