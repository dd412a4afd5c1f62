using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Agents;

internal sealed class AgentRecordConfiguration : IEntityTypeConfiguration<AgentRecord>
{
    public void Configure(EntityTypeBuilder<AgentRecord> builder)
    {
        builder.ToTable("Agents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(253);
        builder.Property(a => a.HostName).HasMaxLength(253);
        builder.Property(a => a.TokenHash).HasMaxLength(64);
        builder.Property(a => a.Version).HasMaxLength(64);
        builder.Property(a => a.ReportedRoles).HasMaxLength(1000);
        builder.Property(a => a.RevokedBy).HasMaxLength(256);
    }
}
