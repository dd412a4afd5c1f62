using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>
/// The live links' streaks that the alert rules read, in memory for the alert evaluation. The ingestor writes every
/// streak to its link's row in the batch's transaction and here after the commit; a restart reads them back from the rows.
/// </summary>
/// <remarks>
/// Only streaks that make a link count differently from one with no streak are held: a broken link's, and a recovered
/// link's (its recovery time). Any other healthy streak alerts exactly as <see cref="LinkStreak.New"/>
/// (<see cref="LinkStreak.ReadsAsNew"/>), so a healthy estate holds none, and the evaluation looks nothing up for a flow that has none (a look-up per link was three
/// quarters of its time).
/// </remarks>
public sealed class LinkStreaks(AlertRules rules)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string AgentId, string ProbeId), LinkStreak> _streaks = [];
    private readonly Dictionary<string, int> _perFlow = new(StringComparer.Ordinal);

    /// <summary>The link's streak as the alert rules read it: <see cref="LinkStreak.New"/> for a healthy link that never changed health.</summary>
    public LinkStreak Get(string agentId, string probeId)
    {
        lock (_gate) return _streaks.GetValueOrDefault((agentId, probeId)) ?? LinkStreak.New;
    }

    /// <summary>Whether any link of the flow is broken or has recovered: if not, every one of its links reads <see cref="LinkStreak.New"/>.</summary>
    public bool AnyIn(string flowId)
    {
        lock (_gate) return _perFlow.ContainsKey(flowId);
    }

    public void Set(string agentId, string probeId, string flowId, LinkStreak streak)
    {
        var key = (agentId, probeId);
        lock (_gate)
        {
            if (!streak.ReadsAsNew)
            {
                if (_streaks.TryAdd(key, streak)) _perFlow[flowId] = _perFlow.GetValueOrDefault(flowId) + 1;
                else _streaks[key] = streak;
            }
            else if (_streaks.Count > 0 && _streaks.Remove(key))
            {
                if (--_perFlow[flowId] == 0) _perFlow.Remove(flowId);
            }
        }
    }

    public void Load(IEnumerable<LinkRecord> links)
    {
        foreach (var link in links)
        {
            Set(link.AgentId, link.ProbeId, link.FlowId, LinkStreakWindow.Parse(link.Streak).Current(rules.For(link.FlowId)));
        }
    }
}
