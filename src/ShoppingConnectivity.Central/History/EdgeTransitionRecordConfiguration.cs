using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.History;

internal sealed class EdgeTransitionRecordConfiguration : IEntityTypeConfiguration<EdgeTransitionRecord>
{
    public void Configure(EntityTypeBuilder<EdgeTransitionRecord> builder)
    {
        builder.ToTable("EdgeTransitions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.FromColour).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.ToColour).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.Summary).HasMaxLength(500);
        builder.Property(t => t.Counts).HasMaxLength(300);
        builder.Property(t => t.FailingLinks).HasMaxLength(8000);
        builder.HasIndex(t => new { t.FlowId, t.At });
        builder.HasIndex(t => t.At);
    }
}
