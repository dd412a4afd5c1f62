using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Agents;

/// <summary>Whether an agent is talking to central.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentStatus>))]
public enum AgentStatus
{
    /// <summary>Enrolled, but no plan fetch or result yet.</summary>
    NeverSeen,
    /// <summary>Heard from within the silence limit.</summary>
    Online,
    /// <summary>Nothing heard for longer than the limit: its links go grey, not red.</summary>
    Silent,
}

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
