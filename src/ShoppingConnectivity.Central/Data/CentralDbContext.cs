using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// Central's one database: monitoring data, alerting, and (Identity's AspNet* tables) the people who sign in.
/// This type is the SQLite database (its migrations are in Data/Migrations); <see cref="PostgresCentralDbContext"/>
/// is the same model on PostgreSQL with migrations of its own.
/// </summary>
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

    public DbSet<AgentRecord> Agents => Set<AgentRecord>();
    public DbSet<ResultRecord> Results => Set<ResultRecord>();
    public DbSet<LinkRecord> Links => Set<LinkRecord>();
    public DbSet<ReceivedBatch> Batches => Set<ReceivedBatch>();
    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();
    public DbSet<AlertEventRecord> AlertEvents => Set<AlertEventRecord>();
    public DbSet<AlertMessageRecord> AlertMessages => Set<AlertMessageRecord>();
    public DbSet<AlertMessageAlert> AlertMessageAlerts => Set<AlertMessageAlert>();
    public DbSet<AlertBoardRecord> AlertBoard => Set<AlertBoardRecord>();
    public DbSet<MaintenanceWindowRecord> MaintenanceWindows => Set<MaintenanceWindowRecord>();
    public DbSet<SmtpSettingsRecord> SmtpSettings => Set<SmtpSettingsRecord>();
    public DbSet<TransitionRecord> Transitions => Set<TransitionRecord>();
    public DbSet<MinuteRollupRecord> MinuteRollups => Set<MinuteRollupRecord>();
    public DbSet<HourRollupRecord> HourRollups => Set<HourRollupRecord>();
    public DbSet<JobCursor> JobCursors => Set<JobCursor>();
    public DbSet<EdgeTransitionRecord> EdgeTransitions => Set<EdgeTransitionRecord>();
    public DbSet<EstateRecord> Estates => Set<EstateRecord>();
    public DbSet<EnrolmentKeyRecord> EnrolmentKeys => Set<EnrolmentKeyRecord>();
    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset text; UTC ticks sort and compare correctly. PostgreSQL keeps the same
        // bigint ticks: every query, the bulk writers and the rollups then compute with times the same way on both.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CentralUser>(e => e.Property(u => u.Source).HasMaxLength(16));
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.ToTable("AuditLog");
            e.HasKey(a => a.Id);
            e.Property(a => a.Actor).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(64);
            e.Property(a => a.Target).HasMaxLength(256);
            e.Property(a => a.Details).HasMaxLength(2000);
            e.HasIndex(a => a.At);
        });
        modelBuilder.Entity<AgentRecord>(e =>
        {
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).HasMaxLength(253);
            e.Property(a => a.HostName).HasMaxLength(253);
            e.Property(a => a.TokenHash).HasMaxLength(64);
            e.Property(a => a.Version).HasMaxLength(64);
            e.Property(a => a.ReportedRoles).HasMaxLength(1000);
            e.Property(a => a.RevokedBy).HasMaxLength(256);
        });
        modelBuilder.Entity<ResultRecord>(e =>
        {
            // The one table written per result, so nothing but the primary key (docs/scaling.md): every secondary index
            // cost the writer several µs of CPU and a page dirtied per result. Readers go by id, which is commit order:
            // the rollup by its cursor, retention by the last id received before its cut-off, a flow's drill-down by
            // id ranges back from the newest. No AUTOINCREMENT (a sqlite_sequence read and write per insert): the writer
            // hands out the ids itself, past both the newest row and the rollup cursor (SqliteIngestionStore), so an id
            // is never handed out twice even after retention emptied the table.
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            // Small rows: the outcome as its number, the batch id as 16 bytes (text would be 36).
            e.Property(r => r.BatchId).HasConversion<byte[]>();
        });
        modelBuilder.Entity<LinkRecord>(e =>
        {
            e.HasKey(l => new { l.AgentId, l.ProbeId });
            e.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(l => l.FlowId);
        });
        modelBuilder.Entity<ReceivedBatch>(e =>
        {
            e.HasKey(b => new { b.AgentId, b.BatchId });
            e.HasIndex(b => b.ReceivedAt);
        });
        modelBuilder.Entity<TransitionRecord>(e =>
        {
            e.HasKey(t => t.Id);
            e.Property(t => t.FromOutcome).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.ToOutcome).HasConversion<string>().HasMaxLength(16);
            e.HasIndex(t => new { t.FlowId, t.At });
            e.HasIndex(t => new { t.AgentId, t.ProbeId, t.At });
            e.HasIndex(t => t.At);
        });
        // Rollups are not mapped as a hierarchy: two plain tables of the same shape, one per resolution.
        modelBuilder.Entity<MinuteRollupRecord>(e =>
        {
            e.ToTable("MinuteRollups");
            e.HasKey(r => new { r.FlowId, r.BucketStart });
            e.HasIndex(r => r.BucketStart);
        });
        modelBuilder.Entity<HourRollupRecord>(e =>
        {
            e.ToTable("HourRollups");
            e.HasKey(r => new { r.FlowId, r.BucketStart });
            e.HasIndex(r => r.BucketStart);
        });
        modelBuilder.Entity<JobCursor>(e => e.HasKey(c => c.Name));
        modelBuilder.Entity<EdgeTransitionRecord>(e =>
        {
            e.HasKey(t => t.Id);
            e.Property(t => t.FromColour).HasConversion<string>().HasMaxLength(8);
            e.Property(t => t.ToColour).HasConversion<string>().HasMaxLength(8);
            e.Property(t => t.Summary).HasMaxLength(500);
            e.Property(t => t.Counts).HasMaxLength(300);
            e.Property(t => t.FailingLinks).HasMaxLength(8000);
            e.HasIndex(t => new { t.FlowId, t.At });
            e.HasIndex(t => t.At);
        });
        AlertModel.Configure(modelBuilder);
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
