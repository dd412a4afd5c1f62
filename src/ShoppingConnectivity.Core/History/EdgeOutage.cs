using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.History;

/// <summary>
/// An outage of an edge: the overlapping outages of its links merged, with which hosts and which outcome classes.
/// </summary>
public sealed record EdgeOutage(
    string FlowId,
    DateTimeOffset Start,
    DateTimeOffset? End,
    IReadOnlyList<LinkOutage> Links)
{
    public IReadOnlyList<ProbeOutcome> Outcomes => Links.Select(l => l.Outcome).Distinct().Order().ToList();

    public IReadOnlyList<string> Sources => Links.Select(l => l.AgentId).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Targets => Links.Select(l => $"{l.TargetHost}:{l.Port}").Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();

    public TimeSpan DurationUntil(DateTimeOffset now) => (End ?? now) - Start;
}
