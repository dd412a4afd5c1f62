namespace ShoppingConnectivity.Contracts;

/// <summary>
/// How soon an agent sends what it found. A result that changes its probe's outcome goes at once, and so do the
/// next ones until <see cref="UrgentRuns"/> results in a row agree (the most any alert rule of the plan counts, so an
/// alert or a recovery is never held back); the rest may wait up to <see cref="QuietSeconds"/>, short enough that
/// central never takes a working agent for a silent one.
/// </summary>
public sealed record ReportPolicy(int QuietSeconds, int UrgentRuns);
