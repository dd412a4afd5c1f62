using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShoppingConnectivity.Central.Data;

public sealed class CentralDbContext(DbContextOptions<CentralDbContext> options) : DbContext(options)
{
    public DbSet<AgentRecord> Agents => Set<AgentRecord>();
    public DbSet<ResultRecord> Results => Set<ResultRecord>();
    public DbSet<LinkRecord> Links => Set<LinkRecord>();
    public DbSet<ReceivedBatch> Batches => Set<ReceivedBatch>();
    public DbSet<EstateRecord> Estates => Set<EstateRecord>();
    public DbSet<EnrolmentKeyRecord> EnrolmentKeys => Set<EnrolmentKeyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset text; UTC ticks sort and compare correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AgentRecord>(e =>
        {
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasMaxLength(253);
            e.Property(a => a.HostName).HasMaxLength(253);
            e.Property(a => a.TokenHash).HasMaxLength(64);
            e.Property(a => a.Version).HasMaxLength(64);
            e.Property(a => a.ReportedRoles).HasMaxLength(1000);
        });
        modelBuilder.Entity<ResultRecord>(e =>
        {
            e.HasKey(r => r.Id);
            e.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(r => new { r.FlowId, r.At });
            e.HasIndex(r => new { r.AgentId, r.At });
        });
        modelBuilder.Entity<LinkRecord>(e =>
        {
            e.HasKey(l => new { l.AgentId, l.ProbeId });
            e.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(l => l.FlowId);
        });
        modelBuilder.Entity<ReceivedBatch>(e => e.HasKey(b => new { b.AgentId, b.BatchId }));
        modelBuilder.Entity<EstateRecord>(e =>
        {
            e.ToTable("EstateRecords");
            e.HasKey(r => r.Version);
            e.Property(r => r.Version).ValueGeneratedNever();
            e.Property(r => r.UpdatedBy).HasMaxLength(300);
            e.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.FileHash).HasMaxLength(64);
        });
        modelBuilder.Entity<EnrolmentKeyRecord>(e =>
        {
            e.ToTable("EnrolmentKeys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Name).HasMaxLength(100);
            e.Property(k => k.Hash).HasMaxLength(64);
            e.HasIndex(k => k.Hash).IsUnique();
        });
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
