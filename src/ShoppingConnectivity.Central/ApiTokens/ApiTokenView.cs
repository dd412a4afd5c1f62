namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>A token as the Admin page lists it: everything but its hash.</summary>
public sealed record ApiTokenView(
    Guid Id, string Name, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt, string? RevokedBy, DateTimeOffset? LastUsedAt, ApiTokenStatus Status);
