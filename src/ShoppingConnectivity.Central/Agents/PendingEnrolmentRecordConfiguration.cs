using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Agents;

internal sealed class PendingEnrolmentRecordConfiguration : IEntityTypeConfiguration<PendingEnrolmentRecord>
{
    public void Configure(EntityTypeBuilder<PendingEnrolmentRecord> builder)
    {
        builder.ToTable("PendingEnrolments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.AgentId).HasMaxLength(253);
        builder.Property(p => p.HostName).HasMaxLength(253);
        builder.Property(p => p.TokenHash).HasMaxLength(64);
        builder.Property(p => p.Verdict).HasConversion<string>().HasMaxLength(40);
        builder.Property(p => p.Address).HasMaxLength(64);
        builder.Property(p => p.KeyName).HasMaxLength(200);
        builder.Property(p => p.Version).HasMaxLength(64);
        builder.Property(p => p.ReportedRoles).HasMaxLength(1000);
        builder.HasIndex(p => p.TokenHash).IsUnique();
        builder.HasIndex(p => p.Address);
        builder.HasIndex(p => p.AgentId);
    }
}
