namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The alert engine's state (one row), saved with the alerts and mails of the same evaluation.</summary>
public sealed class AlertBoardRecord
{
    public int Id { get; set; } = 1;
    public required string StateJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
