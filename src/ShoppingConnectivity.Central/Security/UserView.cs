namespace ShoppingConnectivity.Central.Security;

/// <summary>One user as the users page shows it.</summary>
public sealed record UserView(
    string Id,
    string UserName,
    string? Role,
    string Source,
    bool IsDisabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedOutUntil);
