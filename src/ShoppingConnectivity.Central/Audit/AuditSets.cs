using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Audit;

/// <summary>The audit log's table in central's database.</summary>
public static class AuditSets
{
    extension(CentralDbContext db)
    {
        public DbSet<AuditRecord> AuditLog => db.Set<AuditRecord>();
    }
}
