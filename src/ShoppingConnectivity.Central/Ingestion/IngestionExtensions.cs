using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Ingestion;

public static class IngestionExtensions
{
    /// <summary>The batching writer, its settings, the bulk store of the configured database and (PostgreSQL) the listener of other nodes' commits.</summary>
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CentralNode>();
        if (DatabaseOptions.ProviderOf(builder.Configuration) == DatabaseProvider.PostgreSql)
        {
            // Other nodes' commits reach this node's live state.
            builder.Services.AddHostedService<PostgresLinkListener>();
        }

        builder.Services.AddOptions<IngestionOptions>().Bind(builder.Configuration.GetSection(IngestionOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        builder.Services.AddSingleton(services =>
        {
            if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ProviderKind == DatabaseProvider.PostgreSql)
            {
                var dataSource = services.GetRequiredService<Npgsql.NpgsqlDataSource>();
                var node = services.GetRequiredService<CentralNode>();
                return new IngestionStoreFactory(() => new PostgresIngestionStore(dataSource, node), PostgresIngestionStore.IsUnavailable);
            }

            var dbFactory = services.GetRequiredService<IDbContextFactory<CentralDbContext>>();
            using var db = dbFactory.CreateDbContext();
            var connectionString = db.Database.GetConnectionString()
                ?? throw new InvalidOperationException($"ConnectionStrings:{DataExtensions.ConnectionStringName}: no connection string for the ingestion writer.");
            if (!db.Database.IsSqlite())
                throw new InvalidOperationException($"The ingestion writer has no bulk path for the provider {db.Database.ProviderName} yet.");
            return new IngestionStoreFactory(() => new SqliteIngestionStore(connectionString), SqliteIngestionStore.IsUnavailable);
        });
        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<IngestionWriter>();
        builder.Services.AddHostedService(s => s.GetRequiredService<IngestionWriter>());
        return builder;
    }
}
