using ShoppingConnectivity.Central.Agents;

namespace ShoppingConnectivity.Central.Metrics;

/// <summary>Counts read from the database for one scrape: the agents, open alerts per flow, undelivered mails per state.</summary>
public sealed record MetricsSnapshot(
    IReadOnlyList<AgentView> Agents,
    IReadOnlyDictionary<string, int> OpenAlertsByFlow,
    IReadOnlyDictionary<string, int> MailsByState)
{
    public static MetricsSnapshot Empty { get; } = new([], new Dictionary<string, int>(), new Dictionary<string, int>());
}
