using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// Central's one database: monitoring data, alerting, and (Identity's AspNet* tables) the people who sign in.
/// This type is the SQLite database (its migrations are in Data/Migrations); <see cref="PostgresCentralDbContext"/>
/// is the same model on PostgreSQL with migrations of its own.
/// </summary>
/// <remarks>
/// The context knows no feature: each feature folder holds its entities with an <see cref="IEntityTypeConfiguration{TEntity}"/>
/// each (found here in the assembly) and its sets as extension properties on this type (<c>db.Agents</c>), so the
/// features depend on Data and never the other way round.
/// </remarks>
public class CentralDbContext : IdentityDbContext<CentralUser>
{
    public CentralDbContext(DbContextOptions<CentralDbContext> options)
        : base(options)
    {
    }

    protected CentralDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset text; UTC ticks sort and compare correctly. PostgreSQL keeps the same
        // bigint ticks: every query, the bulk writers and the rollups then compute with times the same way on both.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CentralUser>(e =>
        {
            e.Property(u => u.Source).HasMaxLength(16);
            e.Property(u => u.TimeZone).HasMaxLength(64);
        });
        // A time's stored ticks as a number in queries (the column itself: it holds the ticks).
        modelBuilder.HasDbFunction(typeof(StoredTicks).GetMethod(nameof(StoredTicks.Of))!).HasTranslation(args => args[0]);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CentralDbContext).Assembly, type => !typeof(IPostgreSqlModelConfiguration).IsAssignableFrom(type));
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
