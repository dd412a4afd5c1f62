using System.Collections.Concurrent;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// Each live link's current streak, in memory for the alert evaluation. The ingestor writes the streaks to the
/// links' rows in the batch's transaction and here after the commit; a restart reads them back from the rows.
/// </summary>
public sealed class LinkStreaks(AlertRules rules)
{
    private readonly ConcurrentDictionary<(string AgentId, string ProbeId), LinkStreak> _streaks = new();

    public LinkStreak Get(string agentId, string probeId) => _streaks.GetValueOrDefault((agentId, probeId)) ?? LinkStreak.New;

    public void Set(string agentId, string probeId, LinkStreak streak) => _streaks[(agentId, probeId)] = streak;

    public void Load(IEnumerable<LinkRecord> links)
    {
        foreach (var link in links)
        {
            Set(link.AgentId, link.ProbeId, LinkStreakWindow.Parse(link.Streak).Current(rules.For(link.FlowId)));
        }
    }
}
