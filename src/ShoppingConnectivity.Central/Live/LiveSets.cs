using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Live;

/// <summary>The live links' table (the latest state of each probe on each agent).</summary>
public static class LiveSets
{
    extension(CentralDbContext db)
    {
        public DbSet<LinkRecord> Links => db.Set<LinkRecord>();
    }
}
