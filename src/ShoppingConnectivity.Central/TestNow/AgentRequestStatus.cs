namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// One agent's part of a request: <see cref="At"/> is when it was queued, picked up or dropped.
/// <see cref="EverPolled"/>: the agent has long-polled this central since its start (one that never did is an older
/// agent, or one whose requests to central do not get through).
/// </summary>
public sealed record AgentRequestStatus(string AgentId, AgentRequestState State, DateTimeOffset At, bool EverPolled);
