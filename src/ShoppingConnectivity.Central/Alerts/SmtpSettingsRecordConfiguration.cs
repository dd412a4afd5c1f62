using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts;

internal sealed class SmtpSettingsRecordConfiguration : IEntityTypeConfiguration<SmtpSettingsRecord>
{
    public void Configure(EntityTypeBuilder<SmtpSettingsRecord> builder)
    {
        builder.ToTable("SmtpSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Security).HasMaxLength(16);
    }
}
