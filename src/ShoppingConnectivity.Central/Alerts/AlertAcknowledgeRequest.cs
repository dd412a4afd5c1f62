namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The body of POST /api/v1/alerts/{id}/acknowledge: an optional note for the alert's history.</summary>
public sealed record AlertAcknowledgeRequest(string? Note);
