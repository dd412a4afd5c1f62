namespace ShoppingConnectivity.Contracts;

/// <summary>
/// Sent once by an agent to trade the shared enrolment key for a token of its own.
/// <see cref="Roles"/> are the roles the host says it has (from its settings); central shows them beside the estate's.
/// </summary>
public sealed record EnrolmentRequest(string HostName, string EnrolmentKey, string? Version, IReadOnlyList<string>? Roles = null);
