using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Ingestion;

internal sealed class TransitionRecordConfiguration : IEntityTypeConfiguration<TransitionRecord>
{
    public void Configure(EntityTypeBuilder<TransitionRecord> builder)
    {
        builder.ToTable("Transitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.FromOutcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ToOutcome).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => new { t.FlowId, t.At });
        builder.HasIndex(t => new { t.AgentId, t.ProbeId, t.At });
        builder.HasIndex(t => t.At);
    }
}
