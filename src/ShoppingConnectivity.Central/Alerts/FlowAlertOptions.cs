using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>One flow's own alert thresholds (Central:Alerts:Flows:{flowId}).</summary>
public sealed class FlowAlertOptions
{
    public int? BrokenAfter { get; set; }
    public int? RecoveredAfter { get; set; }
    public double? BrokenShare { get; set; }
}
