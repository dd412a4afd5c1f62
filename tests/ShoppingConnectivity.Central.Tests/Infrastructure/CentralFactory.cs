using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.TestSupport.Databases;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// Central in-process on its own temporary database and estate file: SQLite under the data folder, or with
/// SC_TEST_DB=postgresql a database of its own on the run's <see cref="PostgresServer"/>, named after the data folder
/// so a test that starts central again on the same folder finds the same data.
/// </summary>
public sealed class CentralFactory : WebApplicationFactory<Program>
{
    public const string EnrolmentKey = "test-enrolment-key-moTPUyVc6PcR3MC5wqNq9RlnD1JS";

    /// <summary>A request header the test server takes as the client's address (the in-process server has none).</summary>
    public const string ClientAddressHeader = ClientAddressStartupFilter.Header;

    /// <summary>The password of the users <see cref="SignInAsync"/> creates.</summary>
    public const string TestPassword = "test-password-0123456789";

    public const string EstateJson = """
        {
          "name": "Test estate",
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website", "CentralService"] },
            { "name": "db01", "address": "127.0.0.1", "roles": ["ShoppingDb"], "ports": { "shoppingDbSql": 47101 } },
            { "name": "ae01", "address": "127.0.0.1", "roles": ["ActiveEfficiency"] }
          ]
        }
        """;

    private readonly Dictionary<string, string?> _settings;

    private readonly TimeProvider? _clock;

    private readonly Action<IServiceCollection>? _testServices;

    /// <param name="clock">A clock the test moves (FakeTimeProvider), instead of the system's.</param>
    /// <param name="directory">The folder of an earlier instance (database and estate file), to start central again on it; it is left in place.</param>
    /// <param name="testServices">Registrations over central's own (a counting wrapper, a test-only middleware).</param>
    public CentralFactory(IDictionary<string, string?>? settings = null, string? estateJson = EstateJson, TimeProvider? clock = null, string? directory = null,
        Action<IServiceCollection>? testServices = null)
    {
        _clock = clock;
        _testServices = testServices;
        KeepDirectory = directory is not null;
        Directory = directory ?? Path.Combine(Path.GetTempPath(), "sc-central-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        _settings = new Dictionary<string, string?>
        {
            ["Central:DataDirectory"] = Path.Combine(Directory, "data"),
            ["Central:EnrolmentKey"] = EnrolmentKey,
        };
        if (estateJson is not null)
        {
            var estatePath = Path.Combine(Directory, "estate.json");
            File.WriteAllText(estatePath, estateJson);
            _settings["Central:EstatePath"] = estatePath;
        }

        // A fake clock moves only when its test moves it: the writer's wait for more batches (on that clock) would hold
        // every POST until then. Off unless the test sets it.
        if (clock is not null) _settings["Central:Ingestion:MaxGroupWaitMilliseconds"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
        if (PostgresServer.Selected && !_settings.ContainsKey("ConnectionStrings:Central") && !_settings.ContainsKey("Central:Database:Provider"))
        {
            var dataDirectory = Path.GetFullPath(_settings["Central:DataDirectory"]!);
            DatabaseName = "sc_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..24];
            OwnsDatabase = dataDirectory.StartsWith(Directory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            PostgresServer.Shared.CreateDatabase(DatabaseName);
            _settings["Central:Database:Provider"] = "PostgreSql";
            _settings["ConnectionStrings:Central"] = PostgresServer.Shared.ConnectionString(DatabaseName);
        }
    }

    /// <summary>The PostgreSQL database of this instance (null on SQLite).</summary>
    public string? DatabaseName { get; }

    /// <summary>Whether the database is this instance's own (dropped with its folder), not an earlier instance's.</summary>
    private bool OwnsDatabase { get; }

    public string Directory { get; }

    /// <summary>Leave the folder on dispose (a later instance starts on it; the test removes it).</summary>
    public bool KeepDirectory { get; set; }

    public string EstatePath => Path.Combine(Directory, "estate.json");

    /// <summary>Everything central logged (the only log provider in tests).</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>A user with <paramref name="role"/> (created when missing, password <see cref="TestPassword"/>).</summary>
    public async Task<CentralUser> EnsureUserAsync(string userName, string role, string password = TestPassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        if (await users.FindByNameAsync(userName) is { } existing) return existing;
        var user = new CentralUser { UserName = userName, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, password), userName);
        Check(await users.AddToRoleAsync(user, role), userName);
        return user;
    }

    /// <summary>
    /// A client signed in as a user with <paramref name="role"/> through the real login form (antiforgery token,
    /// cookie): redirects are not followed, cookies are kept.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string role = CentralRoles.Viewer, string? userName = null, string password = TestPassword)
    {
        userName ??= role.ToLowerInvariant() + "-user";
        await EnsureUserAsync(userName, role, password);
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await LoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"Sign-in of {userName} answered {(int)response.StatusCode}:\n{await response.Content.ReadAsStringAsync()}\n{Logs.Text}");
        }

        return client;
    }

    /// <summary>For constructors: <see cref="SignInAsync"/> waited for.</summary>
    public HttpClient SignIn(string role = CentralRoles.Viewer) => Task.Run(() => SignInAsync(role)).GetAwaiter().GetResult();

    /// <summary>Fills and posts the login form the way a browser does; the answer is a redirect on success.</summary>
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var url = "/account/login" + (returnUrl is null ? "" : "?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var page = await client.GetStringAsync(url);
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
            ["_handler"] = "login",
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>The antiforgery token of the first form of a page.</summary>
    public static string AntiforgeryToken(string page) =>
        Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"") is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token:\n" + page);

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded) throw new InvalidOperationException($"User {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
        });
        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }

        // The in-process server has no client address: a test names one with ClientAddressHeader.
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressStartupFilter>());

        if (_testServices is not null) builder.ConfigureTestServices(_testServices);
    }

    /// <summary>
    /// Closes the pooled connections of the central whose data folder is <paramref name="dataDirectory"/>, and only
    /// those: clearing every pool (ClearAllPools) races the other tests opening theirs, which then fail with
    /// ObjectDisposedException on SQLitePCL.sqlite3.
    /// </summary>
    public static void ClearSqlitePool(string dataDirectory) =>
        Microsoft.Data.Sqlite.SqliteConnection.ClearPool(new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetFullPath(dataDirectory), ShoppingConnectivity.Central.Data.DataExtensions.DatabaseFileName),
            Pooling = true,
        }.ToString()));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (DatabaseName is null && !_settings.ContainsKey("ConnectionStrings:Central") && _settings.GetValueOrDefault("Central:DataDirectory") is { } data)
            ClearSqlitePool(data);
        if (KeepDirectory) return;
        if (DatabaseName is not null && OwnsDatabase) PostgresServer.Shared.DropDatabase(DatabaseName);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
