using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Core.History;

/// <summary>
/// An edge changed colour. Kept long (one row per change, not per link), so outage timelines and replays of
/// months stay cheap even when one outage touches 50,000 client links. <see cref="FailingLinks"/> names a sample
/// of the links that failed at that moment ("pc0001 -> dc01:389 TimedOut").
/// </summary>
public sealed record EdgeChange(
    string FlowId,
    EdgeColour? From,
    EdgeColour To,
    DateTimeOffset At,
    string Summary,
    IReadOnlyDictionary<ProbeOutcome, int> Counts,
    int Links,
    IReadOnlyList<string> FailingLinks);
