using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>The agents' tables in central's database.</summary>
public static class AgentSets
{
    extension(CentralDbContext db)
    {
        public DbSet<AgentRecord> Agents => db.Set<AgentRecord>();

        public DbSet<EnrolmentKeyRecord> EnrolmentKeys => db.Set<EnrolmentKeyRecord>();

        public DbSet<PendingEnrolmentRecord> PendingEnrolments => db.Set<PendingEnrolmentRecord>();
    }
}
