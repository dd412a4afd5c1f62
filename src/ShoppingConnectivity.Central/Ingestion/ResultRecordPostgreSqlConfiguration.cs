using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>Results on PostgreSQL: numbered by the database, batch ids as uuid.</summary>
internal sealed class ResultRecordPostgreSqlConfiguration : IEntityTypeConfiguration<ResultRecord>, IPostgreSqlModelConfiguration
{
    public void Configure(EntityTypeBuilder<ResultRecord> builder)
    {
        // SQLite's writer numbers results itself under its one write lock; several nodes write here at once, so
        // the database numbers them (identity), and the rollup's settle time covers ids committed out of order.
        builder.Property(r => r.Id).UseIdentityByDefaultColumn();
        // PostgreSQL has a 16-byte uuid type of its own.
        builder.Property(r => r.BatchId).HasConversion((ValueConverter?)null);
    }
}
