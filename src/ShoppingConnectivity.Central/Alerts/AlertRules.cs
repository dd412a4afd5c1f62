using Microsoft.Extensions.Options;
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
