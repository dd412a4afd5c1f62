namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>One row of central's Results table: what central really stored, not what it answered.</summary>
public sealed record StoredResult(string AgentId, string ProbeId, DateTimeOffset At, Guid BatchId);
