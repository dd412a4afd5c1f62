namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>
/// A token scripts call the API with, made by an Admin. Only a hash of the token is kept: the token itself is shown
/// once, when it is made.
/// </summary>
public sealed class ApiTokenRecord
{
    public Guid Id { get; set; }

    /// <summary>Unique among all tokens, revoked ones too, so "token:name" in the audit log names one token.</summary>
    public required string Name { get; set; }

    /// <summary><see cref="CentralRoles.Viewer"/> or <see cref="CentralRoles.Operator"/>; never Admin.</summary>
    public required string Role { get; set; }

    /// <summary>SHA-256 (hex) of the whole token.</summary>
    public required string Hash { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    /// <summary>Written at most once a minute per token and node (<see cref="ApiTokenStore.LastUseInterval"/>).</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
