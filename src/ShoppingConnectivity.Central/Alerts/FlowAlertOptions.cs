namespace ShoppingConnectivity.Central.Alerts;

/// <summary>One flow's own alert thresholds (Central:Alerts:Flows:{flowId}).</summary>
public sealed class FlowAlertOptions
{
    public int? BrokenAfter { get; set; }
    public int? RecoveredAfter { get; set; }
    public double? BrokenShare { get; set; }
}
