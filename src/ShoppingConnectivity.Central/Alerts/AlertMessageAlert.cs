namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Which alerts a mail speaks of, and as what (broken, recovered, reminder, flapping).</summary>
public sealed class AlertMessageAlert
{
    public long MessageId { get; set; }
    public long AlertId { get; set; }
    public required string Kind { get; set; }
    public AlertMessageRecord? Message { get; set; }
    public AlertRecord? Alert { get; set; }
}
