using ShoppingConnectivity.Central.Agents;

namespace ShoppingConnectivity.Central.Metrics;

/// <summary>
/// Counts read from the database for one scrape: the agents, open alerts per flow, undelivered mails per state, and
/// undelivered chat and webhook messages per channel and state.
/// </summary>
public sealed record MetricsSnapshot(
    IReadOnlyList<AgentView> Agents,
    IReadOnlyDictionary<string, int> OpenAlertsByFlow,
    IReadOnlyDictionary<string, int> MailsByState,
    IReadOnlyDictionary<(string Channel, string State), int> ChannelMessages)
{
    public static MetricsSnapshot Empty { get; } = new([], new Dictionary<string, int>(), new Dictionary<string, int>(), new Dictionary<(string, string), int>());
}
