using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.History;

public static class Outages
{
    /// <summary>
    /// The outages of each link between <paramref name="from"/> and <paramref name="to"/>.
    /// <paramref name="transitions"/> must hold, per link, the last transition before <paramref name="from"/> (its state
    /// when the range opens) and every transition inside the range; other transitions are ignored.
    /// </summary>
    public static IReadOnlyList<LinkOutage> OfLinks(IEnumerable<LinkTransition> transitions, DateTimeOffset from, DateTimeOffset to)
    {
        var outages = new List<LinkOutage>();
        foreach (var link in transitions.GroupBy(t => (t.AgentId, t.ProbeId)))
        {
            var ordered = link.OrderBy(t => t.At).ToList();
            var startIndex = ordered.FindLastIndex(t => t.At <= from);
            LinkTransition? open = null;
            DateTimeOffset openedAt = default;
            for (var i = Math.Max(0, startIndex); i < ordered.Count; i++)
            {
                var t = ordered[i];
                if (t.At > to) break;
                var at = t.At < from ? from : t.At;
                var failing = t.To != ProbeOutcome.Reachable;
                if (open is not null && (!failing || t.To != open.To))
                {
                    // Recovered, or failing in another way (TimedOut -> Refused): close the outage of that outcome.
                    outages.Add(new LinkOutage(open.FlowId, open.AgentId, open.TargetHost, open.Port, open.To, openedAt, at));
                    open = null;
                }

                if (failing && open is null)
                {
                    open = t;
                    openedAt = at;
                }
            }

            if (open is not null) outages.Add(new LinkOutage(open.FlowId, open.AgentId, open.TargetHost, open.Port, open.To, openedAt, null));
        }

        return outages;
    }

    /// <summary>Merges the link outages of one flow into edge outages: one per stretch of time with any link failing.</summary>
    public static IReadOnlyList<EdgeOutage> OfEdge(string flowId, IEnumerable<LinkOutage> links)
    {
        var result = new List<EdgeOutage>();
        List<LinkOutage>? current = null;
        DateTimeOffset start = default;
        DateTimeOffset? end = null;
        foreach (var outage in links.OrderBy(o => o.Start))
        {
            if (current is not null && (end is null || outage.Start <= end))
            {
                current.Add(outage);
                end = end is null || outage.End is null ? null : Max(end.Value, outage.End.Value);
                continue;
            }

            if (current is not null) result.Add(new EdgeOutage(flowId, start, end, current));
            current = [outage];
            start = outage.Start;
            end = outage.End;
        }

        if (current is not null) result.Add(new EdgeOutage(flowId, start, end, current));
        return result;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
