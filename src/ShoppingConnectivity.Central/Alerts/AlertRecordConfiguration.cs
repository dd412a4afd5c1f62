using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts;

internal sealed class AlertRecordConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> builder)
    {
        builder.ToTable("Alerts");
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => a.Key).IsUnique();
        builder.HasIndex(a => new { a.State, a.OpenedAt });
        builder.HasIndex(a => a.FlowId);
        builder.Property(a => a.Key).HasMaxLength(200);
        builder.Property(a => a.FlowId).HasMaxLength(100);
        builder.Property(a => a.State).HasMaxLength(16);
        builder.Property(a => a.Condition).HasMaxLength(16);
        builder.Property(a => a.Suspect).HasMaxLength(255);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(v => v.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
