namespace ShoppingConnectivity.Core.Agents;

public static class AgentLiveness
{
    /// <summary>
    /// An agent is silent after <paramref name="staleAfterIntervals"/> of its shortest probe intervals without a word,
    /// the same limit after which its links count as stale, counted from <paramref name="listeningSince"/> (central's
    /// start) when that is later: an agent cannot be heard while central is down.
    /// </summary>
    public static AgentStatus StatusOf(DateTimeOffset? lastSeen, DateTimeOffset now, int intervalSeconds, int staleAfterIntervals,
        DateTimeOffset? listeningSince = null)
    {
        if (lastSeen is null) return AgentStatus.NeverSeen;
        var limit = TimeSpan.FromSeconds((double)Math.Max(1, intervalSeconds) * staleAfterIntervals);
        var heard = listeningSince > lastSeen ? listeningSince.Value : lastSeen.Value;
        return now - heard > limit ? AgentStatus.Silent : AgentStatus.Online;
    }
}
