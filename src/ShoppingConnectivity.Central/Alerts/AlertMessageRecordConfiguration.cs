using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts;

internal sealed class AlertMessageRecordConfiguration : IEntityTypeConfiguration<AlertMessageRecord>
{
    public void Configure(EntityTypeBuilder<AlertMessageRecord> builder)
    {
        builder.ToTable("AlertMessages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.Property(m => m.Status).HasMaxLength(16);
    }
}
