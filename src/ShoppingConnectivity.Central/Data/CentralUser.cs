using Microsoft.AspNetCore.Identity;

namespace ShoppingConnectivity.Central.Data;

/// <summary>A person who signs in: local (password kept hashed by Identity) or from Active Directory (no password here).</summary>
public sealed class CentralUser : IdentityUser
{
    /// <summary><see cref="UserSources.Local"/> or <see cref="UserSources.Directory"/>.</summary>
    public string Source { get; set; } = UserSources.Local;

    /// <summary>A disabled user cannot sign in, and its open sessions end at their next check.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The zone this person reads times in: "browser" (null too), "UTC" or an IANA id; see Components.DisplayZone.</summary>
    public string? TimeZone { get; set; }
}
