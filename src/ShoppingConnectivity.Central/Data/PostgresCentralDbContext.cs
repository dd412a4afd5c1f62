using Microsoft.EntityFrameworkCore;

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// The central model on PostgreSQL. A type of its own so that EF keeps its migrations (Data/Migrations/PostgreSql)
/// apart from SQLite's; everything else asks for <see cref="CentralDbContext"/> and gets this one. Its differences are
/// the features' <see cref="IPostgreSqlModelConfiguration"/>s, applied after the common model.
/// </summary>
public sealed class PostgresCentralDbContext(DbContextOptions<PostgresCentralDbContext> options) : CentralDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PostgresCentralDbContext).Assembly, type => typeof(IPostgreSqlModelConfiguration).IsAssignableFrom(type));
    }
}
