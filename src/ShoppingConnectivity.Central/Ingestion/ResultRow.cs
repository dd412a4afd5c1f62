using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>One raw result to store, as the agent sent it.</summary>
public readonly record struct ResultRow(string AgentId, Guid BatchId, ProbeResultDto Result);
