using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Data;

public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sc-busy-timeout-tests", Guid.NewGuid().ToString("N"));

    public SqliteBusyTimeoutTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task CentralDbContext_SqliteConnectionOpened_SqliteWaitsForTheLockAsLongAsTheDefaultTimeout()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Central"] = $"Data Source={Path.Combine(_directory, "central.db")};Default Timeout=7",
        });
        _ = factory.CreateClient();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();

        await db.Database.OpenConnectionAsync();

        Assert.Equal(7_000, BusyTimeout((SqliteConnection)db.Database.GetDbConnection()));
    }

    [Theory]
    [InlineData(30, 30_000)]
    // Default Timeout 0 means "wait without end" to Microsoft.Data.Sqlite; SQLite's 0 would mean "never wait": left to it.
    [InlineData(0, 0)]
    public void Apply_DefaultTimeoutOfSeconds_SetsSqlitesBusyTimeoutInMilliseconds(int seconds, long milliseconds)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "a.db")};Default Timeout={seconds}");
        connection.Open();

        SqliteBusyTimeout.Apply(connection);

        Assert.Equal(milliseconds, BusyTimeout(connection));
    }

    private static long BusyTimeout(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";
        return (long)command.ExecuteScalar()!;
    }
}
