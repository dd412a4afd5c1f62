using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts;

internal sealed class AlertEventRecordConfiguration : IEntityTypeConfiguration<AlertEventRecord>
{
    public void Configure(EntityTypeBuilder<AlertEventRecord> builder)
    {
        builder.ToTable("AlertEvents");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Kind).HasMaxLength(32);
    }
}
