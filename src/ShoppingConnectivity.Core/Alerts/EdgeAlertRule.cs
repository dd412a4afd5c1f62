using System.Text.Json.Serialization;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>An edge as the alert rule sees it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EdgeCondition>))]
public enum EdgeCondition
{
    /// <summary>Counted links below the broken share.</summary>
    Ok,
    /// <summary>Broken links reached the share: the alert fires.</summary>
    Broken,
    /// <summary>No link to count: agents silent, hosts in maintenance, the flow off, or no results yet. Never alerts.</summary>
    NoData,
}

/// <summary>One link with its streak, as handed to the rule.</summary>
/// <param name="Silent">No fresh result (the agent is silent or the probe stopped): left out, like the diagram's grey.</param>
public sealed record AlertLink(
    string SourceHost,
    string TargetHost,
    int Port,
    ProbeOutcome Outcome,
    string? Detail,
    LinkStreak Streak,
    bool Silent);

/// <summary>A broken link named in a mail.</summary>
public sealed record BrokenLink(string SourceHost, string TargetHost, int Port, ProbeOutcome Outcome, DateTimeOffset? FailingSince, string? Detail);

/// <summary>The edge's condition with what it is made of.</summary>
/// <param name="FailingSince">Earliest first failure among the broken links: when the outage began.</param>
/// <param name="RecoveredAt">Latest recovery among the counted healthy links: when the edge got well.</param>
public sealed record EdgeAlertStatus(
    EdgeCondition Condition,
    int Counted,
    int Silent,
    int InMaintenance,
    IReadOnlyList<BrokenLink> Broken,
    DateTimeOffset? FailingSince,
    DateTimeOffset? RecoveredAt)
{
    public static EdgeAlertStatus NoLinks { get; } = new(EdgeCondition.NoData, 0, 0, 0, [], null, null);

    /// <summary>The outcome most broken links share (the outcome class of the alert).</summary>
    [JsonIgnore]
    public ProbeOutcome? MainOutcome => Broken.Count == 0 ? null
        : Broken.GroupBy(b => b.Outcome).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

    [JsonIgnore]
    public string Why => Condition switch
    {
        EdgeCondition.Broken => $"{Broken.Count} of {Counted} link(s) broken",
        EdgeCondition.Ok when Broken.Count > 0 => $"{Broken.Count} of {Counted} link(s) broken, below the alert share",
        EdgeCondition.Ok => $"{Counted} link(s) healthy",
        _ when Silent + InMaintenance == 0 => "no results yet",
        _ => string.Join(", ", new[] { Silent > 0 ? $"{Silent} link(s) silent" : null, InMaintenance > 0 ? $"{InMaintenance} link(s) in maintenance" : null }
            .Where(s => s is not null)),
    };
}

public static class EdgeAlertRule
{
    /// <summary>
    /// Counts the links that are fresh and out of maintenance; the edge is broken when the broken ones reach the rule's
    /// share. Links of silent agents are left out, so an agent that stops talking turns its edges to no data, not broken.
    /// </summary>
    public static EdgeAlertStatus Evaluate(Flow flow, bool enabled, AlertRule rule, IEnumerable<AlertLink> links, MaintenanceCover maintenance)
    {
        if (!enabled) return EdgeAlertStatus.NoLinks;
        int counted = 0, silent = 0, inMaintenance = 0;
        var broken = new List<BrokenLink>();
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
            else if (link.Streak.ChangedAt is { } changed && (recoveredAt is null || changed > recoveredAt))
            {
                recoveredAt = changed;
            }
        }

        var condition = counted == 0 ? EdgeCondition.NoData
            : rule.Fires(broken.Count, counted) ? EdgeCondition.Broken
            : EdgeCondition.Ok;
        broken.Sort((a, b) => Nullable.Compare(a.FailingSince, b.FailingSince) is var c and not 0 ? c
            : string.Compare(a.SourceHost + a.TargetHost, b.SourceHost + b.TargetHost, StringComparison.OrdinalIgnoreCase));
        var failingSince = broken.Count == 0 ? null : broken.Min(b => b.FailingSince);
        return new EdgeAlertStatus(condition, counted, silent, inMaintenance, broken, failingSince, recoveredAt);
    }
}
