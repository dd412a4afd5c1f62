namespace ShoppingConnectivity.Core.Agents;

public static class AgentLiveness
{
    /// <summary>
    /// An agent is silent after <paramref name="staleAfterIntervals"/> of its shortest probe intervals without a word,
    /// the same limit after which its links count as stale.
    /// </summary>
    public static AgentStatus StatusOf(DateTimeOffset? lastSeen, DateTimeOffset now, int intervalSeconds, int staleAfterIntervals)
    {
        if (lastSeen is null) return AgentStatus.NeverSeen;
        var limit = TimeSpan.FromSeconds((double)Math.Max(1, intervalSeconds) * staleAfterIntervals);
        return now - lastSeen.Value > limit ? AgentStatus.Silent : AgentStatus.Online;
    }
}
