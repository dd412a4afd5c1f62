using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.History;

internal sealed class HourRollupRecordConfiguration : IEntityTypeConfiguration<HourRollupRecord>
{
    public void Configure(EntityTypeBuilder<HourRollupRecord> builder)
    {
        builder.ToTable("HourRollups");
        // Not mapped as a hierarchy: two plain tables of the same shape, one per resolution.
        builder.HasKey(r => new { r.FlowId, r.BucketStart });
        builder.HasIndex(r => r.BucketStart);
    }
}
