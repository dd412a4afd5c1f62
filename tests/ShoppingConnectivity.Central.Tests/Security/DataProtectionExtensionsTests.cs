using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShoppingConnectivity.Central.Catalogue;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.TestSupport.Databases;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>Where the key ring lives: the data folder of one SQLite node, the database shared by PostgreSQL nodes.</summary>
public sealed class DataProtectionExtensionsTests : IDisposable
{
    private readonly string _database = "sc_keys_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<CentralFactory> _nodes = [];
    private readonly List<string> _folders = [];

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

    private static async Task<int> KeysInDatabaseAsync(CentralFactory node)
    {
        await using var db = (PostgresCentralDbContext)await node.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.CountAsync();
    }

    public void Dispose()
    {
        foreach (var node in _nodes) node.Dispose();
        foreach (var folder in _folders.Where(Directory.Exists)) Directory.Delete(folder, recursive: true);
        PostgresServer.Shared.DropDatabase(_database);
    }
}
