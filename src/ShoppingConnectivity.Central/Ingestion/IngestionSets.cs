using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>The tables ingestion writes: raw results, batch ids and link state changes.</summary>
public static class IngestionSets
{
    extension(CentralDbContext db)
    {
        public DbSet<ResultRecord> Results => db.Set<ResultRecord>();

        public DbSet<ReceivedBatch> Batches => db.Set<ReceivedBatch>();

        public DbSet<TransitionRecord> Transitions => db.Set<TransitionRecord>();
    }
}
