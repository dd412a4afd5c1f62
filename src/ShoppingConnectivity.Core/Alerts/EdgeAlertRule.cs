using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Outcomes;

namespace ShoppingConnectivity.Core.Alerts;

public static class EdgeAlertRule
{
    /// <summary>
    /// Counts the links that are fresh and out of maintenance; the edge is broken when the broken ones reach the rule's
    /// share. Links of silent agents are left out, so an agent that stops talking turns its edges to no data, not broken.
    /// An edge not broken whose counted healthy links include degraded ones is degraded, each named with its cause read
    /// against <paramref name="now"/> (so "expires in 4 days" stays true as days pass).
    /// </summary>
    public static EdgeAlertStatus Evaluate(Flow flow, bool enabled, AlertRule rule, IEnumerable<AlertLink> links, MaintenanceCover maintenance,
        DateTimeOffset now)
    {
        if (!enabled) return EdgeAlertStatus.NoLinks;
        int counted = 0, silent = 0, inMaintenance = 0;
        var broken = new List<BrokenLink>();
        var recovered = new List<BrokenLink>();
        var degraded = new List<(DegradedLink Link, DateTimeOffset Urgency)>();
        DateTimeOffset? recoveredAt = null;
        foreach (var link in links)
        {
            if (link.Silent)
            {
                silent++;
                continue;
            }

            if (maintenance.CoversLink(link.SourceHost, link.TargetHost))
            {
                inMaintenance++;
                continue;
            }

            counted++;
            if (link.Streak.Health == LinkHealth.Broken)
            {
                broken.Add(new BrokenLink(link.SourceHost, link.TargetHost, link.Port, link.Outcome, link.Streak.FailingSince, link.Detail));
            }
            else
            {
                if (link.Degraded && link.Outcome == ProbeOutcome.Reachable)
                {
                    var cause = DegradedCause.Of(link.Detail, now);
                    degraded.Add((new DegradedLink(link.SourceHost, link.TargetHost, link.Port, cause.Text, link.Detail), cause.Urgency));
                }

                if (link.Streak.ChangedAt is not { } changed) continue;
                // A healthy link changed health last when it recovered.
                recovered.Add(new BrokenLink(link.SourceHost, link.TargetHost, link.Port, link.Outcome, null, link.Detail, changed));
                if (recoveredAt is null || changed > recoveredAt) recoveredAt = changed;
            }
        }

        var condition = counted == 0 ? EdgeCondition.NoData
            : rule.Fires(broken.Count, counted) ? EdgeCondition.Broken
            : degraded.Count > 0 ? EdgeCondition.Degraded
            : EdgeCondition.Ok;
        broken.Sort((a, b) => Nullable.Compare(a.FailingSince, b.FailingSince) is var c and not 0 ? c
            : string.Compare(a.SourceHost + a.TargetHost, b.SourceHost + b.TargetHost, StringComparison.OrdinalIgnoreCase));
        var failingSince = broken.Count == 0 ? null : broken.Min(b => b.FailingSince);
        return new EdgeAlertStatus(condition, counted, silent, inMaintenance, broken, failingSince, recoveredAt)
        {
            Recovered = recovered,
            // The most urgent first (an expired certificate before one that expires next month), as the diagram's label.
            Degraded = degraded
                .OrderBy(d => d.Urgency)
                .ThenBy(d => d.Link.TargetHost, StringComparer.OrdinalIgnoreCase)
                .ThenBy(d => d.Link.SourceHost, StringComparer.OrdinalIgnoreCase)
                .Select(d => d.Link).ToList(),
        };
    }
}
