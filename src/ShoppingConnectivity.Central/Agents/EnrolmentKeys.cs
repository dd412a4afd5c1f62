using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Agents;

/// <summary>
/// Keys agents enrol with, made and revoked in the UI; only a hash is stored and the key is shown once.
/// Central:EnrolmentKey from the settings works beside them as a bootstrap key. Revoking a key stops new
/// enrolments with it; agents already enrolled keep the tokens they were given.
/// </summary>
public sealed class EnrolmentKeys(IDbContextFactory<CentralDbContext> dbFactory, IOptions<CentralOptions> options, TimeProvider clock)
{
    public const int MaxNameLength = 100;

    /// <summary>Keys have a prefix so a leaked one is easy to recognise (and to search for) as ours.</summary>
    public const string Prefix = "sce_";

    public async Task<IReadOnlyList<EnrolmentKeyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.EnrolmentKeys.AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return keys.OrderByDescending(k => k.CreatedAt)
            .Select(k => new EnrolmentKeyView(k.Id, k.Name, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.Enrolments, StatusOf(k, now)))
            .ToList();
    }

    /// <summary>Makes a key. The key itself is in the result only: it cannot be read back later.</summary>
    public async Task<(EnrolmentKeyView? Key, string? Secret, IReadOnlyList<string> Errors)> CreateAsync(
        string? name, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var errors = new List<string>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add("name: give the key a name (who or what it is for).");
        else if (name.Length > MaxNameLength) errors.Add($"name: at most {MaxNameLength} characters (is {name.Length}).");
        if (expiresAt is { } expires && expires <= now) errors.Add($"expiresAt: {expires:yyyy-MM-dd HH:mm} UTC is not in the future.");
        if (errors.Count > 0) return (null, null, errors);

        var secret = Prefix + AgentTokens.NewToken();
        var record = new EnrolmentKeyRecord { Id = Guid.NewGuid(), Name = name!, Hash = AgentTokens.Hash(secret), CreatedAt = now, ExpiresAt = expiresAt };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.EnrolmentKeys.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return (View(record, now), secret, []);
    }

    /// <summary>Revokes a key; false when there is no such key. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.EnrolmentKeys.FindAsync([id], cancellationToken);
        if (key is null) return false;
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether agents can enrol at all: a bootstrap key is set or a key is active.</summary>
    public async Task<bool> AnyActiveAsync(CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(options.Value.EnrolmentKey)) return true;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.EnrolmentKeys.AsNoTracking().Where(k => k.RevokedAt == null).ToListAsync(cancellationToken);
        return keys.Any(k => StatusOf(k, now) == EnrolmentKeyStatus.Active);
    }

    /// <summary>Checks an offered key: the bootstrap key from the settings, or an active stored key (its use is counted).</summary>
    public async Task<EnrolmentKeyCheck> CheckAsync(string offered, CancellationToken cancellationToken = default)
    {
        if (options.Value.EnrolmentKey is { Length: > 0 } bootstrap && AgentTokens.KeyMatches(offered, bootstrap))
            return new EnrolmentKeyCheck(true, $"{CentralOptions.Section}:EnrolmentKey", null);

        // The stored keys are 256 random bits: looking one up by its hash leaks nothing useful through timing.
        var hash = AgentTokens.Hash(offered);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.EnrolmentKeys.FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        var now = clock.GetUtcNow();
        switch (key is null ? (EnrolmentKeyStatus?)null : StatusOf(key, now))
        {
            case EnrolmentKeyStatus.Active:
                key!.LastUsedAt = now;
                key.Enrolments++;
                await db.SaveChangesAsync(cancellationToken);
                return new EnrolmentKeyCheck(true, key.Name, null);
            case EnrolmentKeyStatus.Revoked:
                return new EnrolmentKeyCheck(false, key!.Name, $"The enrolment key was revoked on {key.RevokedAt:yyyy-MM-dd HH:mm} UTC; ask for a new one.");
            case EnrolmentKeyStatus.Expired:
                return new EnrolmentKeyCheck(false, key!.Name, $"The enrolment key expired on {key.ExpiresAt:yyyy-MM-dd HH:mm} UTC; ask for a new one.");
            default:
                return new EnrolmentKeyCheck(false, null, "The enrolment key matches none of central's keys.");
        }
    }

    private static EnrolmentKeyStatus StatusOf(EnrolmentKeyRecord k, DateTimeOffset now) =>
        k.RevokedAt is not null ? EnrolmentKeyStatus.Revoked
        : k.ExpiresAt is { } e && e <= now ? EnrolmentKeyStatus.Expired
        : EnrolmentKeyStatus.Active;

    private static EnrolmentKeyView View(EnrolmentKeyRecord k, DateTimeOffset now) =>
        new(k.Id, k.Name, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.Enrolments, StatusOf(k, now));
}
