using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.History;

internal sealed class MinuteRollupRecordConfiguration : IEntityTypeConfiguration<MinuteRollupRecord>
{
    public void Configure(EntityTypeBuilder<MinuteRollupRecord> builder)
    {
        builder.ToTable("MinuteRollups");
        // Not mapped as a hierarchy: two plain tables of the same shape, one per resolution.
        builder.HasKey(r => new { r.FlowId, r.BucketStart });
        builder.HasIndex(r => r.BucketStart);
    }
}
