using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Central.Hosts;

/// <summary>The reachability matrix of one host: its planned probes with their links, and the links towards it.</summary>
public static class HostMatrix
{
    public sealed record Cell(string Target, int Port, EdgeColour Colour, string Text, string? Detail);

    /// <param name="Ports">The ports this host probes for the flow (its plan's, not the catalogue's).</param>
    public sealed record OutboundRow(Flow Flow, IReadOnlyList<Cell> Cells, string Ports);

    /// <summary>Rows: the host's flows; columns: the targets.</summary>
    public sealed record Outbound(IReadOnlyList<string> Columns, IReadOnlyList<OutboundRow> Rows);

    /// <param name="Ports">The ports the sources probe on this host.</param>
    public sealed record InboundRow(Flow Flow, int Sources, int Reaching, IReadOnlyList<(string Source, ProbeOutcome Outcome)> Failing, string Ports);

    /// <summary>Every planned probe gets a cell, "no data" until its first result; links of older plans are shown too.</summary>
    public static Outbound OutboundOf(
        FlowCatalogue catalogue,
        IEnumerable<PlannedProbe> planned,
        IEnumerable<LinkSnapshot> links,
        DateTimeOffset now,
        EdgeThresholds thresholds)
    {
        var byProbe = links.ToDictionary(l => l.ProbeId, StringComparer.Ordinal);
        var probes = planned.Select(p => (p.ProbeId, p.FlowId, p.TargetHost, p.Port)).ToList();
        probes.AddRange(byProbe.Values.Where(l => probes.All(p => p.ProbeId != l.ProbeId)).Select(l => (l.ProbeId, l.FlowId, l.TargetHost, l.Port)));

        var rows = new List<OutboundRow>();
        foreach (var flow in catalogue.Flows)
        {
            var cells = probes.Where(p => p.FlowId == flow.Id).OrderBy(p => p.TargetHost, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Port)
                .Select(p => byProbe.TryGetValue(p.ProbeId, out var link) ? CellOf(link, now, thresholds)
                    : new Cell(p.TargetHost, p.Port, EdgeColour.Grey, $"? {p.Port} no data", null))
                .ToList();
            if (cells.Count > 0) rows.Add(new OutboundRow(flow, cells, PortsOf(cells.Select(c => c.Port))));
        }

        var columns = rows.SelectMany(r => r.Cells.Select(c => c.Target)).Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new Outbound(columns, rows);
    }

    public static IReadOnlyList<InboundRow> InboundOf(FlowCatalogue catalogue, IEnumerable<LinkSnapshot> links, DateTimeOffset now, EdgeThresholds thresholds)
    {
        var fresh = links.Where(l => !EdgeAggregator.IsStale(l, now, thresholds)).ToList();
        var rows = new List<InboundRow>();
        foreach (var flow in catalogue.Flows)
        {
            var flowLinks = fresh.Where(l => l.FlowId == flow.Id).ToList();
            if (flowLinks.Count == 0) continue;
            var bySource = flowLinks.GroupBy(l => l.AgentId, StringComparer.Ordinal).ToList();
            // A source reaches the host when every port of the flow answers.
            var failing = bySource.Where(g => g.Any(l => l.Outcome != ProbeOutcome.Reachable))
                .Select(g => (g.Key, g.First(l => l.Outcome != ProbeOutcome.Reachable).Outcome))
                .OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
            rows.Add(new InboundRow(flow, bySource.Count, bySource.Count - failing.Count, failing, PortsOf(flowLinks.Select(l => l.Port))));
        }

        return rows;
    }

    private static string PortsOf(IEnumerable<int> ports) =>
        string.Join(", ", ports.Distinct().Order().Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static Cell CellOf(LinkSnapshot link, DateTimeOffset now, EdgeThresholds thresholds)
    {
        var stale = EdgeAggregator.IsStale(link, now, thresholds);
        var colour = EdgePresenter.ColourOf(link.Outcome, link.Degraded, stale);
        // A degraded link names why in the cell itself, not only in its tooltip: "certificate expires in 4 days".
        var why = link.Degraded && link.Outcome == ProbeOutcome.Reachable ? $": {DegradedCause.Of(link.Detail, now).Text}" : "";
        var text = $"{EdgePresenter.Icon(link.Outcome)} {link.Port} {link.Outcome}{why}{(stale ? " (silent)" : "")}";
        return new Cell(link.TargetHost, link.Port, colour, text, link.Detail);
    }
}
