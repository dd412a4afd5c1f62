using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts;

/// <summary>The alert settings in force and each flow's rule.</summary>
public sealed class AlertRules
{
    private readonly FlowCatalogue _catalogue;
    private readonly Dictionary<string, AlertRule> _rules;

    public AlertRules(FlowCatalogue catalogue, IOptions<AlertOptions> alerts, IOptions<CentralOptions> central)
    {
        _catalogue = catalogue;
        Options = alerts.Value;
        Settings = alerts.Value.ToSettings(central.Value.ClientBrokenShare);
        _rules = catalogue.Flows.ToDictionary(f => f.Id, Settings.RuleFor, StringComparer.Ordinal);
    }

    public AlertOptions Options { get; }

    public AlertSettings Settings { get; }

    /// <summary>The flow's rule; a flow unknown to the catalogue gets the server defaults.</summary>
    public AlertRule For(string flowId) =>
        _rules.TryGetValue(flowId, out var rule) ? rule : new AlertRule(Settings.BrokenAfter, Settings.RecoveredAfter, Settings.ServerBrokenShare);

    public FlowCatalogue Catalogue => _catalogue;
}

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
