using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ShoppingConnectivity.Central.Data;

public static class DataExtensions
{
    public const string ConnectionStringName = "Central";
    public const string DatabaseFileName = "shopping-connectivity.db";

    /// <summary>SQLite under the data folder unless ConnectionStrings:Central says otherwise.</summary>
    public static IHostApplicationBuilder AddCentralData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDbContextFactory<CentralDbContext>((services, options) =>
        {
            var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var central = services.GetRequiredService<IOptions<CentralOptions>>().Value;
                connectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(central.DataDirectory, DatabaseFileName),
                    Pooling = true,
                }.ToString();
            }

            options.UseSqlite(connectionString);
        });
        return builder;
    }

    /// <summary>Creates the data folder, applies migrations and turns on WAL so readers never block the writer.</summary>
    public static async Task MigrateCentralDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var central = services.GetRequiredService<IOptions<CentralOptions>>().Value;
        Directory.CreateDirectory(central.DataDirectory);
        var factory = services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
