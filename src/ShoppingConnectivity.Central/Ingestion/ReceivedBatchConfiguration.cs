using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Ingestion;

internal sealed class ReceivedBatchConfiguration : IEntityTypeConfiguration<ReceivedBatch>
{
    public void Configure(EntityTypeBuilder<ReceivedBatch> builder)
    {
        builder.ToTable("Batches");
        builder.HasKey(b => new { b.AgentId, b.BatchId });
        builder.HasIndex(b => b.ReceivedAt);
    }
}
