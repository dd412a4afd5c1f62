using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Agents;

internal sealed class EnrolmentKeyRecordConfiguration : IEntityTypeConfiguration<EnrolmentKeyRecord>
{
    public void Configure(EntityTypeBuilder<EnrolmentKeyRecord> builder)
    {
        builder.ToTable("EnrolmentKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
