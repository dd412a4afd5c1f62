using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.History;

/// <summary>The history's tables: roll-ups, edge colour changes and the jobs' cursors.</summary>
public static class HistorySets
{
    extension(CentralDbContext db)
    {
        public DbSet<MinuteRollupRecord> MinuteRollups => db.Set<MinuteRollupRecord>();

        public DbSet<HourRollupRecord> HourRollups => db.Set<HourRollupRecord>();

        public DbSet<JobCursor> JobCursors => db.Set<JobCursor>();

        public DbSet<EdgeTransitionRecord> EdgeTransitions => db.Set<EdgeTransitionRecord>();
    }
}
