using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>
/// All edges of the diagram, remembering when each one last changed colour.
/// Not thread-safe: the owner serialises calls.
/// </summary>
public sealed class EdgeBoard(FlowCatalogue catalogue, EdgeThresholds thresholds)
{
    private readonly Dictionary<string, (EdgeColour Colour, DateTimeOffset? Since)> _last = new(StringComparer.Ordinal);

    /// <summary>The colour rules; central sets when it began to listen once its server started.</summary>
    public EdgeThresholds Thresholds { get; set; } = thresholds;

    /// <summary>
    /// What the history says of an edge before this board saw it (a restart): if the edge still has that colour, it
    /// has had it since <paramref name="since"/>, not since the board's first evaluation.
    /// </summary>
    public void Remember(string flowId, EdgeColour colour, DateTimeOffset since) => _last[flowId] = (colour, since);

    /// <summary>Computes every edge; returns them with whether any colour changed since the previous call.</summary>
    public (IReadOnlyList<EdgeState> Edges, bool Changed) Evaluate(
        Estate estate,
        IEnumerable<LinkSnapshot> links,
        DateTimeOffset now)
    {
        var byFlow = links.GroupBy(l => l.FlowId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<LinkSnapshot>)g.ToList(), StringComparer.Ordinal);
        var edges = new List<EdgeState>(catalogue.Flows.Count);
        var changed = false;
        foreach (var flow in catalogue.Flows)
        {
            var (edge, flowChanged) = EvaluateFlow(flow, flow.IsEnabled(estate.Switches), byFlow.GetValueOrDefault(flow.Id) ?? [], now,
                EdgePorts.Of(flow, estate), EstateCoverage.Missing(flow, estate, catalogue));
            edges.Add(edge);
            changed |= flowChanged;
        }

        return (edges, changed);
    }

    /// <summary>Computes one flow's edge; returns it with whether its colour changed (or it is seen for the first time).</summary>
    /// <param name="ports">The ports the estate's plans probe for the flow; null: the catalogue's.</param>
    /// <param name="missing">Why the estate has no host at one end of the flow (<see cref="EstateCoverage.Missing"/>); null: it has.</param>
    public (EdgeState Edge, bool Changed) EvaluateFlow(Flow flow, bool enabled, IReadOnlyCollection<LinkSnapshot> flowLinks, DateTimeOffset now,
        EdgePorts? ports = null, string? missing = null)
    {
        ports ??= EdgePorts.Catalogue(flow);
        var aggregate = EdgeAggregator.Aggregate(flow, enabled, flowLinks, now, Thresholds, missing);
        var (colour, summary, counts, stale, degraded) = aggregate;
        DateTimeOffset? lastChange;
        bool changed;
        if (_last.TryGetValue(flow.Id, out var previous))
        {
            lastChange = previous.Colour == colour ? previous.Since : now;
            changed = previous.Colour != colour;
        }
        else
        {
            // First sight: the newest link transition is the best estimate of when the edge got its colour.
            lastChange = flowLinks.Count == 0 ? null : flowLinks.Max(l => l.Since);
            changed = true;
        }

        _last[flow.Id] = (colour, lastChange);
        var failing = counts.Values.Sum() - counts.GetValueOrDefault(Contracts.ProbeOutcome.Reachable);
        // Amber with every link answering is a warning (a certificate near expiry), not a partial outage: say which.
        var label = colour == EdgeColour.Amber && failing == 0 && degraded > 0 ? EdgeState.DegradedLabel : EdgeState.LabelFor(colour);
        return (new EdgeState(flow.Id, flow.From, flow.To, ports.Ports, colour, label, summary,
            counts, flowLinks.Count, stale, lastChange, degraded) { PortsLabel = ports.Label, Cause = aggregate.Cause }, changed);
    }
}
