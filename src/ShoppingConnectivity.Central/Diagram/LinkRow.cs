using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Central.Diagram;

/// <summary>One link as the drill-down lists it, with the hint for its outcome; <see cref="AgentId"/> and <see cref="ProbeId"/> name it for "Test now".</summary>
public sealed record LinkRow(
    string Source,
    string Target,
    int Port,
    ProbeOutcome Outcome,
    DateTimeOffset Since,
    DateTimeOffset LastAt,
    double? LatencyMs,
    string? Detail,
    bool Degraded,
    bool Stale,
    string Hint,
    string AgentId = "",
    string ProbeId = "")
{
    /// <summary>Agent ids are lower-case host names: show the estate's spelling when it lists the host.</summary>
    public static LinkRow From(LinkSnapshot link, Estate estate, DateTimeOffset now, EdgeThresholds thresholds)
    {
        var source = estate.FindHost(link.AgentId)?.Name ?? link.AgentId;
        return new LinkRow(source, link.TargetHost, link.Port, link.Outcome, link.Since, link.LastAt, link.LatencyMs, link.Detail,
            link.Degraded, EdgeAggregator.IsStale(link, now, thresholds),
            Hints.For(link.Outcome, source, link.TargetHost, link.Port, link.Degraded, link.Detail, estate.FindHost(link.TargetHost)?.EffectiveAddress),
            link.AgentId, link.ProbeId);
    }
}
