using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>Central in-process on its own temporary SQLite database and estate file.</summary>
public sealed class CentralFactory : WebApplicationFactory<Program>
{
    public const string EnrolmentKey = "test-enrolment-key-0123456789";

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

    /// <param name="clock">A clock the test moves (FakeTimeProvider), instead of the system's.</param>
    /// <param name="directory">The folder of an earlier instance (database and estate file), to start central again on it; it is left in place.</param>
    public CentralFactory(IDictionary<string, string?>? settings = null, string? estateJson = EstateJson, TimeProvider? clock = null, string? directory = null)
    {
        _clock = clock;
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

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string Directory { get; }

    /// <summary>Leave the folder on dispose (a later instance starts on it; the test removes it).</summary>
    public bool KeepDirectory { get; set; }

    public string EstatePath => Path.Combine(Directory, "estate.json");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (KeepDirectory) return;
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
