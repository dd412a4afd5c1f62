using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts;

internal sealed class AlertMessageAlertConfiguration : IEntityTypeConfiguration<AlertMessageAlert>
{
    public void Configure(EntityTypeBuilder<AlertMessageAlert> builder)
    {
        builder.ToTable("AlertMessageAlerts");
        builder.HasKey(x => new { x.MessageId, x.AlertId });
        builder.HasOne(x => x.Message).WithMany(m => m.Alerts).HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Alert).WithMany(a => a.Messages).HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(x => x.Kind).HasMaxLength(16);
    }
}
