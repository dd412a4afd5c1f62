using System.Text.Json.Serialization;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Alerts;

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
    /// <summary>
    /// The counted healthy links that were broken once, each with its recovery time (<see cref="BrokenLink.RecoveredAt"/>):
    /// the engine reads the recovered mail's per-host times here. Not kept in the saved state.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<BrokenLink> Recovered { get; init; } = [];

    /// <summary>
    /// The counted healthy links that answer degraded, the most urgent first; kept in the saved state, so the mail that
    /// says it is no longer degraded can name what was.
    /// </summary>
    public IReadOnlyList<DegradedLink> Degraded { get; init; } = [];

    /// <summary>Why the edge is degraded, in a few words ("certificate expires in 4 days"): the most urgent link's cause.</summary>
    [JsonIgnore]
    public string? Cause => Degraded.Count == 0 ? null : Degraded[0].Cause;

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
        EdgeCondition.Degraded => $"{Degraded.Count} of {Counted} link(s) degraded",
        EdgeCondition.Ok => $"{Counted} link(s) healthy",
        _ when Silent + InMaintenance == 0 => "no results yet",
        _ => string.Join(", ", new[] { Silent > 0 ? $"{Silent} link(s) silent" : null, InMaintenance > 0 ? $"{InMaintenance} link(s) in maintenance" : null }
            .Where(s => s is not null)),
    };
}
