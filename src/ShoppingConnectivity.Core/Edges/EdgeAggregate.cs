using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Edges;

/// <summary>An edge's colour and summary with the counts they come from.</summary>
public sealed record EdgeAggregate(EdgeColour Colour, string Summary, Dictionary<ProbeOutcome, int> Counts, int Stale, int Degraded)
{
    /// <summary>Why links are degraded, the most urgent first: "certificate expires in 4 days"; null when none is.</summary>
    public string? Cause { get; init; }
}
