using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.History;

internal sealed class JobCursorConfiguration : IEntityTypeConfiguration<JobCursor>
{
    public void Configure(EntityTypeBuilder<JobCursor> builder)
    {
        builder.ToTable("JobCursors");
        builder.HasKey(c => c.Name);
    }
}
