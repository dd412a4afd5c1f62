namespace ShoppingConnectivity.Central.Ingestion;

public readonly record struct BatchClaim(string AgentId, Guid BatchId, int Count);
