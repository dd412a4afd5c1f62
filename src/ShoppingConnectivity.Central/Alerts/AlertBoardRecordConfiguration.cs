using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Alerts;

internal sealed class AlertBoardRecordConfiguration : IEntityTypeConfiguration<AlertBoardRecord>
{
    public void Configure(EntityTypeBuilder<AlertBoardRecord> builder)
    {
        builder.ToTable("AlertBoard");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
    }
}
