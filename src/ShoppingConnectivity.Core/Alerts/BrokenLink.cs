using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>A broken link named in a mail.</summary>
/// <param name="Outcome">What the link answered while broken (the engine keeps it when a good run comes before the recovery).</param>
/// <param name="RecoveredAt">When the link counted healthy again; set only in the recovered mail's list.</param>
public sealed record BrokenLink(
    string SourceHost,
    string TargetHost,
    int Port,
    ProbeOutcome Outcome,
    DateTimeOffset? FailingSince,
    string? Detail,
    DateTimeOffset? RecoveredAt = null);
