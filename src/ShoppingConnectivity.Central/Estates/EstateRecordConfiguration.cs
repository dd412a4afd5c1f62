using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Estates;

internal sealed class EstateRecordConfiguration : IEntityTypeConfiguration<EstateRecord>
{
    public void Configure(EntityTypeBuilder<EstateRecord> builder)
    {
        builder.ToTable("EstateRecords");
        builder.HasKey(r => r.Version);
        builder.Property(r => r.Version).ValueGeneratedNever();
        builder.Property(r => r.UpdatedBy).HasMaxLength(300);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.FileHash).HasMaxLength(64);
    }
}
