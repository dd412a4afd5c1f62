using System.Text.Json.Serialization;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>An edge's colour word. Never the only signal: each has a label and an icon too.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EdgeColour>))]
public enum EdgeColour
{
    /// <summary>No fresh data: agents silent, or never reported.</summary>
    Grey,
    /// <summary>All fresh links reachable.</summary>
    Green,
    /// <summary>Some links failing below the broken share, or reachable but degraded (certificate near expiry...).</summary>
    Amber,
    /// <summary>Broken: the share of failing links reached the threshold.</summary>
    Red,
    /// <summary>Turned off by a switch of the estate.</summary>
    Off,
}

/// <summary>The current state of one probe on one agent, with since-when.</summary>
public sealed record LinkSnapshot(
    string AgentId,
    string ProbeId,
    string FlowId,
    string TargetHost,
    int Port,
    ProbeOutcome Outcome,
    DateTimeOffset Since,
    DateTimeOffset LastAt,
    double? LatencyMs,
    string? Detail,
    int IntervalSeconds,
    bool Degraded = false);

/// <summary>
/// How fresh and how broken links must be before an edge changes colour. A share is failing links / fresh links.
/// Client flows (thousands of sources) go red at <see cref="ClientBrokenShare"/> and amber above
/// <see cref="ClientAmberShare"/>; server flows go red at <see cref="ServerBrokenShare"/>, where 0 means any
/// failing link, and amber on failing links below it.
/// </summary>
public sealed record EdgeThresholds(
    double ClientBrokenShare,
    int StaleAfterIntervals,
    double ServerBrokenShare = 0,
    double ClientAmberShare = 0)
{
    public static EdgeThresholds Default { get; } = new(0.05, 3);

    /// <summary>Red: the share of failing links reached the flow's broken share (0: any failing link).</summary>
    public bool IsBroken(bool clientFlow, int failing, int fresh)
    {
        if (failing <= 0 || fresh <= 0) return false;
        var share = clientFlow ? ClientBrokenShare : ServerBrokenShare;
        return share <= 0 || (double)failing / fresh >= share;
    }

    /// <summary>Amber (when not red): some links fail, above the amber share for client flows.</summary>
    public bool IsPartial(bool clientFlow, int failing, int fresh) =>
        failing > 0 && fresh > 0 && (!clientFlow || (double)failing / fresh > ClientAmberShare);
}

/// <summary>One diagram edge: one flow, aggregated over every link derived from it.</summary>
public sealed record EdgeState(
    string FlowId,
    string From,
    string To,
    IReadOnlyList<int> Ports,
    EdgeColour Colour,
    string Label,
    string Summary,
    IReadOnlyDictionary<ProbeOutcome, int> Counts,
    int Links,
    int StaleLinks,
    DateTimeOffset? LastChange,
    int DegradedLinks = 0)
{
    /// <summary>Links with a fresh result.</summary>
    public int FreshLinks => Counts.Values.Sum();

    public int ReachableLinks => Counts.GetValueOrDefault(ProbeOutcome.Reachable);

    /// <summary>"4,812 / 4,830 reachable", or why there is no share to show.</summary>
    public string Share => Colour == EdgeColour.Off ? "switched off"
        : FreshLinks == 0 ? (Links == 0 ? "no results yet" : $"{StaleLinks:N0} silent")
        : $"{ReachableLinks:N0} / {FreshLinks:N0} reachable";

    /// <summary>Same content (the counts compared by value): a dashboard can skip redrawing an edge that is the same.</summary>
    public bool SameAs(EdgeState other) =>
        FlowId == other.FlowId && Colour == other.Colour && Summary == other.Summary && Links == other.Links
        && StaleLinks == other.StaleLinks && DegradedLinks == other.DegradedLinks && LastChange == other.LastChange
        && Counts.Count == other.Counts.Count
        && Counts.All(c => other.Counts.TryGetValue(c.Key, out var n) && n == c.Value);

    public static string LabelFor(EdgeColour colour) => colour switch
    {
        EdgeColour.Green => "Reachable",
        EdgeColour.Amber => "Partial",
        EdgeColour.Red => "Broken",
        EdgeColour.Off => "Off",
        _ => "No data",
    };
}
