using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// One probe asked by a "Test now", as the button's answer lists it: waiting, answered (<see cref="Outcome"/> and
/// <see cref="At"/> of the fresh result) or dropped (the agent never picked the request up).
/// </summary>
public sealed record TestNowRow(
    string AgentId,
    string ProbeId,
    string Source,
    string? Target,
    int? Port,
    ProbeOutcome? Outcome = null,
    double? LatencyMs = null,
    DateTimeOffset? At = null,
    bool Dropped = false)
{
    public bool Answered => Outcome is not null;

    /// <summary>'waiting', 'answered' or 'dropped': the row's state for styles and browser tests.</summary>
    public string State => Answered ? "answered" : Dropped ? "dropped" : "waiting";
}
