using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>A broken link named in a mail.</summary>
public sealed record BrokenLink(string SourceHost, string TargetHost, int Port, ProbeOutcome Outcome, DateTimeOffset? FailingSince, string? Detail);
