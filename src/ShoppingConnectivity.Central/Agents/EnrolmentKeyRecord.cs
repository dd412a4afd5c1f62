namespace ShoppingConnectivity.Central.Agents;

/// <summary>A key agents enrol with, made in the UI. Only its hash is kept; the key is shown once.</summary>
public sealed class EnrolmentKeyRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public int Enrolments { get; set; }
}
