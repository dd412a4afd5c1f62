namespace ShoppingConnectivity.Central.Alerts;

/// <summary>A state change of an alert (opened, recovered, silenced, acknowledged, mail queued ...).</summary>
public sealed class AlertEventRecord
{
    public long Id { get; set; }
    public long AlertId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Kind { get; set; }
    public required string Text { get; set; }
}
