namespace ShoppingConnectivity.Central.Alerts;

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
