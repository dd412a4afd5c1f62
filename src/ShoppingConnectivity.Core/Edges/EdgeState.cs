using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>One diagram edge: one flow, aggregated over every link derived from it.</summary>
/// <param name="Ports">The ports the estate's plans probe (see <see cref="Plans.EdgePorts"/>), not only the catalogue's.</param>
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
    /// <summary>The ports as every surface names them: "1433 (sql02: 14330)"; the port shown is the port probed.</summary>
    public string PortsLabel { get; init; } = string.Join(", ", Ports);

    /// <summary>The label of an amber edge whose links all answer, some of them degraded.</summary>
    public const string DegradedLabel = "Degraded";

    /// <summary>Why links of the edge are degraded, the most urgent: "certificate expires in 4 days"; null when none is.</summary>
    public string? Cause { get; init; }

    /// <summary>What an absent edge's summary starts with: "not in this estate: no ActiveEfficiency host".</summary>
    public const string NotInEstate = "not in this estate";

    /// <summary>Links with a fresh result.</summary>
    public int FreshLinks => Counts.Values.Sum();

    public int ReachableLinks => Counts.GetValueOrDefault(ProbeOutcome.Reachable);

    /// <summary>"4,812 / 4,830 reachable", or why there is no share to show.</summary>
    public string Share => Colour == EdgeColour.Off ? "switched off"
        : Colour == EdgeColour.Absent ? Summary[(Summary.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
        : Label == DegradedLabel && Cause is not null ? Cause
        : FreshLinks == 0 ? (Links == 0 ? "no results yet" : $"{StaleLinks:N0} silent")
        : $"{ReachableLinks:N0} / {FreshLinks:N0} reachable";

    /// <summary>Same content (the counts compared by value): a dashboard can skip redrawing an edge that is the same.</summary>
    public bool SameAs(EdgeState other) =>
        FlowId == other.FlowId && Colour == other.Colour && Label == other.Label && Cause == other.Cause && PortsLabel == other.PortsLabel && Summary == other.Summary && Links == other.Links
        && StaleLinks == other.StaleLinks && DegradedLinks == other.DegradedLinks && LastChange == other.LastChange
        && Counts.Count == other.Counts.Count
        && Counts.All(c => other.Counts.TryGetValue(c.Key, out var n) && n == c.Value);

    public static string LabelFor(EdgeColour colour) => colour switch
    {
        EdgeColour.Green => "Reachable",
        EdgeColour.Amber => "Partial",
        EdgeColour.Red => "Broken",
        EdgeColour.Off => "Off",
        EdgeColour.Absent => "Not in estate",
        _ => "No data",
    };
}
