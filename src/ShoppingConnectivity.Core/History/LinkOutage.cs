using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.History;

/// <summary>One link not reachable from <see cref="Start"/> to <see cref="End"/> (null: still failing at the end of the range).</summary>
public sealed record LinkOutage(string FlowId, string AgentId, string TargetHost, int Port, ProbeOutcome Outcome, DateTimeOffset Start, DateTimeOffset? End)
{
    public TimeSpan DurationUntil(DateTimeOffset now) => (End ?? now) - Start;
}
