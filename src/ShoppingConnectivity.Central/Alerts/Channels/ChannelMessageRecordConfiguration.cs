using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts.Channels;

internal sealed class ChannelMessageRecordConfiguration : IEntityTypeConfiguration<ChannelMessageRecord>
{
    public void Configure(EntityTypeBuilder<ChannelMessageRecord> builder)
    {
        builder.ToTable("AlertChannelMessages");
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.Channel, m.Status });
        builder.Property(m => m.Channel).HasMaxLength(64);
        builder.Property(m => m.ChannelKind).HasMaxLength(16);
        builder.Property(m => m.Status).HasMaxLength(16);
        builder.Property(m => m.LastAnswer).HasMaxLength(ChannelAnswer.ExcerptLength);
    }
}
