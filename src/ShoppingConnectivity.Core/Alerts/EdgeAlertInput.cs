using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>One flow's edge as the engine is handed it at each evaluation.</summary>
/// <param name="SilencedBy">Why mail is held (a maintenance window on the estate or the flow), or null.</param>
public sealed record EdgeAlertInput(Flow Flow, EdgeAlertStatus Status, string? SilencedBy = null);
