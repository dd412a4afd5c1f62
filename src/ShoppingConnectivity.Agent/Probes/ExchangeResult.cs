namespace ShoppingConnectivity.Agent.Probes;

/// <summary>What a protocol exchange proved on an open connection.</summary>
public sealed record ExchangeResult(string Detail, bool Degraded = false);
