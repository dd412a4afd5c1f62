using Microsoft.EntityFrameworkCore;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>One edge alert, from the first break until everyone told about it was told it recovered.</summary>
public sealed class AlertRecord
{
    public long Id { get; set; }

    /// <summary>The engine's key ("{flowId}@{opened ticks}").</summary>
    public required string Key { get; set; }

    public required string FlowId { get; set; }
    public required string Edge { get; set; }

    /// <summary>Open or Closed.</summary>
    public required string State { get; set; }

    /// <summary>The edge now: Broken, Ok or NoData.</summary>
    public required string Condition { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the outage began (first failed run of the first broken link).</summary>
    public DateTimeOffset Since { get; set; }

    public DateTimeOffset? RecoveredAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Hosts { get; set; }
    public bool Flapping { get; set; }
    public string? SilencedBy { get; set; }
    public DateTimeOffset? LastNoticeAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgeNote { get; set; }
    public List<AlertEventRecord> Events { get; set; } = [];
    public List<AlertMessageAlert> Messages { get; set; } = [];
}

/// <summary>A state change of an alert (opened, recovered, silenced, acknowledged, mail queued ...).</summary>
public sealed class AlertEventRecord
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
}

/// <summary>
/// An alert mail in the outbox. It stays Pending and is retried with backoff until the SMTP server takes it (Sent);
/// nothing is dropped. NoRecipients: no address is configured for its edges.
/// </summary>
public sealed class AlertMessageRecord
{
    public const string Pending = "Pending";
    public const string Sent = "Sent";
    public const string NoRecipients = "NoRecipients";

    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string Kinds { get; set; }
    public required string Recipients { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public required string HtmlBody { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ServerResponse { get; set; }
    public List<AlertMessageAlert> Alerts { get; set; } = [];
}

/// <summary>Which alerts a mail speaks of, and as what (broken, recovered, reminder, flapping).</summary>
public sealed class AlertMessageAlert
{
    public long MessageId { get; set; }
    public long AlertId { get; set; }
    public required string Kind { get; set; }
    public AlertMessageRecord? Message { get; set; }
    public AlertRecord? Alert { get; set; }
}

/// <summary>The alert engine's state (one row), saved with the alerts and mails of the same evaluation.</summary>
public sealed class AlertBoardRecord
{
    public int Id { get; set; } = 1;
    public required string StateJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A maintenance window (see Core MaintenanceWindow). Days: comma-separated day names.</summary>
public sealed class MaintenanceWindowRecord
{
    public long Id { get; set; }
    public required string Scope { get; set; }
    public string? Target { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset? Start { get; set; }
    public DateTimeOffset? End { get; set; }
    public string? Days { get; set; }
    public int? StartMinuteOfDay { get; set; }
    public int? DurationMinutes { get; set; }
    public string? TimeZone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The SMTP server alerts go through (one row). The password is stored protected by ASP.NET Data Protection.</summary>
public sealed class SmtpSettingsRecord
{
    public int Id { get; set; } = 1;
    public required string Host { get; set; }
    public int Port { get; set; }
    public required string Security { get; set; }
    public string? UserName { get; set; }
    public string? ProtectedPassword { get; set; }
    public required string FromAddress { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class AlertModel
{
    /// <summary>The alert tables; called from CentralDbContext.OnModelCreating.</summary>
    public static void Configure(ModelBuilder model)
    {
        model.Entity<AlertRecord>(e =>
        {
            e.ToTable("Alerts");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.Key).IsUnique();
            e.HasIndex(a => new { a.State, a.OpenedAt });
            e.HasIndex(a => a.FlowId);
            e.Property(a => a.Key).HasMaxLength(200);
            e.Property(a => a.FlowId).HasMaxLength(100);
            e.Property(a => a.State).HasMaxLength(16);
            e.Property(a => a.Condition).HasMaxLength(16);
            e.HasMany(a => a.Events).WithOne().HasForeignKey(v => v.AlertId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<AlertEventRecord>(e =>
        {
            e.ToTable("AlertEvents");
            e.HasKey(v => v.Id);
            e.Property(v => v.Kind).HasMaxLength(32);
        });
        model.Entity<AlertMessageRecord>(e =>
        {
            e.ToTable("AlertMessages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.Property(m => m.Status).HasMaxLength(16);
        });
        model.Entity<AlertMessageAlert>(e =>
        {
            e.ToTable("AlertMessageAlerts");
            e.HasKey(x => new { x.MessageId, x.AlertId });
            e.HasOne(x => x.Message).WithMany(m => m.Alerts).HasForeignKey(x => x.MessageId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Alert).WithMany(a => a.Messages).HasForeignKey(x => x.AlertId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Kind).HasMaxLength(16);
        });
        model.Entity<AlertBoardRecord>(e =>
        {
            e.ToTable("AlertBoard");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).ValueGeneratedNever();
        });
        model.Entity<MaintenanceWindowRecord>(e =>
        {
            e.ToTable("MaintenanceWindows");
            e.HasKey(w => w.Id);
            e.Property(w => w.Scope).HasMaxLength(16);
        });
        model.Entity<SmtpSettingsRecord>(e =>
        {
            e.ToTable("SmtpSettings");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Security).HasMaxLength(16);
        });
    }
}
