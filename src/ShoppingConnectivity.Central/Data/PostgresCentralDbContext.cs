using Microsoft.EntityFrameworkCore;

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// The central model on PostgreSQL. A type of its own only so that EF keeps its migrations (Data/Migrations/PostgreSql)
/// apart from SQLite's; everything else asks for <see cref="CentralDbContext"/> and gets this one.
/// </summary>
public sealed class PostgresCentralDbContext(DbContextOptions<PostgresCentralDbContext> options) : CentralDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ResultRecord>(e =>
        {
            // SQLite's writer numbers results itself under its one write lock; several nodes write here at once, so
            // the database numbers them (identity), and the rollup's settle time covers ids committed out of order.
            e.Property(r => r.Id).UseIdentityByDefaultColumn();
            // PostgreSQL has a 16-byte uuid type of its own.
            e.Property(r => r.BatchId).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter?)null);
        });
    }
}
