using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ShoppingConnectivity.Central.Ingestion;

internal sealed class ResultRecordConfiguration : IEntityTypeConfiguration<ResultRecord>
{
    public void Configure(EntityTypeBuilder<ResultRecord> builder)
    {
        builder.ToTable("Results");
        // The one table written per result, so nothing but the primary key (docs/scaling.md): every secondary index
        // cost the writer several µs of CPU and a page dirtied per result. Readers go by id, which is commit order:
        // the rollup by its cursor, retention by the last id received before its cut-off, a flow's drill-down by
        // id ranges back from the newest. No AUTOINCREMENT (a sqlite_sequence read and write per insert): the writer
        // hands out the ids itself, past both the newest row and the rollup cursor (SqliteIngestionStore), so an id
        // is never handed out twice even after retention emptied the table.
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        // Small rows: the outcome as its number, the batch id as 16 bytes (text would be 36).
        builder.Property(r => r.BatchId).HasConversion<byte[]>();
    }
}
