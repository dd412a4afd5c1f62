using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>The estate's versions (the store of record).</summary>
public static class EstateSets
{
    extension(CentralDbContext db)
    {
        public DbSet<EstateRecord> Estates => db.Set<EstateRecord>();
    }
}
