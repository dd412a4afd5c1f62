namespace ShoppingConnectivity.Central.Agents;

public sealed record EnrolmentKeyView(
    Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, int Enrolments, EnrolmentKeyStatus Status);
