namespace ShoppingConnectivity.Core.Alerts;

/// <summary>A reachable link that answers degraded, named in a mail with why.</summary>
/// <param name="Cause">"certificate expires in 4 days": <see cref="Outcomes.DegradedCause"/> on the evaluation's clock.</param>
/// <param name="Detail">The agent's detail, which the cause is read from.</param>
public sealed record DegradedLink(string SourceHost, string TargetHost, int Port, string Cause, string? Detail);
