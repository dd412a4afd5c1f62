namespace ShoppingConnectivity.Core.Alerts;

/// <summary>One flow's own thresholds; null keeps the default.</summary>
public sealed record FlowAlertSettings(int? BrokenAfter = null, int? RecoveredAfter = null, double? BrokenShare = null);
