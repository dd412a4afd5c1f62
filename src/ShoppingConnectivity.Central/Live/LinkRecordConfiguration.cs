using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Live;

internal sealed class LinkRecordConfiguration : IEntityTypeConfiguration<LinkRecord>
{
    public void Configure(EntityTypeBuilder<LinkRecord> builder)
    {
        builder.ToTable("Links");
        builder.HasKey(l => new { l.AgentId, l.ProbeId });
        builder.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(l => l.FlowId);
    }
}
