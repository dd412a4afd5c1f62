using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts;

internal sealed class MaintenanceWindowRecordConfiguration : IEntityTypeConfiguration<MaintenanceWindowRecord>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindowRecord> builder)
    {
        builder.ToTable("MaintenanceWindows");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Scope).HasMaxLength(16);
    }
}
