using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>One probe run as the alert rules see it: good (reachable) or failed, and when.</summary>
public readonly record struct LinkRun(DateTimeOffset At, bool Good)
{
    /// <summary>Reachable is good, degraded or not (degraded turns an edge amber, it does not break it); anything else failed.</summary>
    public static LinkRun Of(ProbeOutcome outcome, DateTimeOffset at) => new(at, outcome == ProbeOutcome.Reachable);
}
