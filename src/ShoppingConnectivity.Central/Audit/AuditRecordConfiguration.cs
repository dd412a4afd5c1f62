using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Audit;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditLog");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Target).HasMaxLength(256);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.HasIndex(a => a.At);
    }
}
