using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// Each person's chosen time zone, kept with their user so it follows them to any browser. Each call works in a scope of
/// its own (a circuit lives long; its context must not hold stale rows).
/// </summary>
public sealed class TimeZonePreferences(IServiceScopeFactory scopes)
{
    /// <summary>
    /// The stored choice, or null for none (the browser's zone) and for a name no user has. Synchronous: the app's root
    /// must hand the zone to the page in its first render; awaiting it there let the page render after the request had
    /// moved on (PostgreSQL answers asynchronously), and a missing page then lost its 404 page.
    /// </summary>
    public string? Get(string? userName)
    {
        if (string.IsNullOrEmpty(userName)) return null;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CentralDbContext>();
        var normalised = userName.ToUpperInvariant();
        return db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalised).Select(u => u.TimeZone).FirstOrDefault();
    }

    /// <summary>Stores a choice; the error names what is wrong, and nothing is stored then.</summary>
    public async Task<string?> SetAsync(string? userName, string choice, CancellationToken cancellationToken = default)
    {
        if (!DisplayZone.IsValidChoice(choice))
            return $"Time zone: '{choice}' is not a zone this server knows; choose the browser's zone, UTC or an IANA name such as Europe/London.";
        if (string.IsNullOrEmpty(userName)) return "Time zone: only a signed-in user can keep a choice.";

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CentralDbContext>();
        var normalised = userName.ToUpperInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == normalised, cancellationToken);
        if (user is null) return $"Time zone: no user '{userName}'.";
        user.TimeZone = choice == DisplayZone.Browser ? null
            : string.Equals(choice, DisplayZone.Utc, StringComparison.OrdinalIgnoreCase) ? DisplayZone.Utc
            : DisplayZone.Find(choice)!.Id;
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
