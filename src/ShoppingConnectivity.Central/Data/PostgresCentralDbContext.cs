using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// The central model on PostgreSQL. A type of its own so that EF keeps its migrations (Data/Migrations/PostgreSql)
/// apart from SQLite's; everything else asks for <see cref="CentralDbContext"/> and gets this one. Its differences are
/// the features' <see cref="IPostgreSqlModelConfiguration"/>s, applied after the common model, and the Data Protection
/// key ring, kept in the database so every node reads the cookies and tokens the others issued (Security).
/// </summary>
public sealed class PostgresCentralDbContext(DbContextOptions<PostgresCentralDbContext> options) : CentralDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PostgresCentralDbContext).Assembly, type => typeof(IPostgreSqlModelConfiguration).IsAssignableFrom(type));
    }
}
