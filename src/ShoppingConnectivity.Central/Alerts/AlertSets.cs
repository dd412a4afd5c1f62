using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The alerting tables: alerts, their events and mails, the engine's state, maintenance windows, SMTP settings.</summary>
public static class AlertSets
{
    extension(CentralDbContext db)
    {
        public DbSet<AlertRecord> Alerts => db.Set<AlertRecord>();

        public DbSet<AlertEventRecord> AlertEvents => db.Set<AlertEventRecord>();

        public DbSet<AlertMessageRecord> AlertMessages => db.Set<AlertMessageRecord>();

        public DbSet<AlertMessageAlert> AlertMessageAlerts => db.Set<AlertMessageAlert>();

        public DbSet<AlertBoardRecord> AlertBoard => db.Set<AlertBoardRecord>();

        public DbSet<MaintenanceWindowRecord> MaintenanceWindows => db.Set<MaintenanceWindowRecord>();

        public DbSet<SmtpSettingsRecord> SmtpSettings => db.Set<SmtpSettingsRecord>();

        public DbSet<Channels.ChannelMessageRecord> ChannelMessages => db.Set<Channels.ChannelMessageRecord>();
    }
}
