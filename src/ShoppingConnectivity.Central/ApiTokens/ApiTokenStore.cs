using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.ApiTokens;

/// <summary>
/// API tokens: made, listed and revoked by Admins, checked on each API call. Checked tokens are kept in memory for
/// <see cref="CacheFor"/> so a busy script costs no database read per request; revoking here drops the token at once,
/// another central node sees it within <see cref="CacheFor"/>. Last use is written at most once per
/// <see cref="LastUseInterval"/> per token and node.
/// </summary>
public sealed partial class ApiTokenStore(IDbContextFactory<CentralDbContext> dbFactory, TimeProvider clock, ILogger<ApiTokenStore> logger)
{
    public const int MaxNameLength = 64;

    /// <summary>
    /// No token lives for ever: one left in a script or a ticket outlives its purpose, so it is renewed at least every
    /// two years (a yearly rotation fits inside).
    /// </summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(730);

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan LastUseInterval = TimeSpan.FromMinutes(1);

    /// <summary>The roles a token may have: never Admin (tokens reach only the API, which has nothing for Admins).</summary>
    public static readonly IReadOnlyList<string> Roles = [CentralRoles.Viewer, CentralRoles.Operator];

    /// <summary>Past this many cached tokens (unknown ids too) the cache starts again, so guessed ids cannot grow it.</summary>
    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<Guid, (ApiTokenRecord? Token, DateTimeOffset LoadedAt)> _cache = new();

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastUseWritten = new();

    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return tokens.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Name, StringComparer.Ordinal).Select(t => View(t, now)).ToList();
    }

    /// <summary>Makes a token. The token itself is in the result only: central keeps its hash and cannot show it again.</summary>
    public async Task<(ApiTokenView? Token, string? Secret, IReadOnlyList<string> Errors)> CreateAsync(
        string? name, string? role, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var errors = new List<string>();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name)) errors.Add("name: give the token a name (the script or job that uses it).");
        else if (name.Length > MaxNameLength) errors.Add($"name: at most {MaxNameLength} characters (is {name.Length}).");
        else if (!NameRegex().IsMatch(name)) errors.Add("name: letters, digits, '.', '-' and '_' only, starting with a letter or digit (it shows as token:name in the audit log).");
        var normalised = CentralRoles.Normalise(role);
        if (normalised is null || !Roles.Contains(normalised)) errors.Add($"role: '{role}' is not a token role (Viewer or Operator).");
        if (expiresAt is not { } expires) errors.Add("expiresAt: choose when the token expires.");
        else if (expires <= now) errors.Add($"expiresAt: {expires:yyyy-MM-dd HH:mm} UTC is not in the future.");
        else if (expires > now + MaxLifetime) errors.Add($"expiresAt: at most {MaxLifetime.TotalDays:0} days ahead ({(now + MaxLifetime):yyyy-MM-dd}).");
        if (errors.Count > 0) return (null, null, errors);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lower = name!.ToLowerInvariant();
        if (await db.ApiTokens.AnyAsync(t => t.Name.ToLower() == lower, cancellationToken))
            return (null, null, [$"name: a token named '{name}' exists already (revoked ones keep their name, so the audit log stays unambiguous)."]);

        var id = Guid.NewGuid();
        var secret = ApiTokenFormat.New(id);
        var record = new ApiTokenRecord
        {
            Id = id, Name = name, Role = normalised!, Hash = ApiTokenFormat.Hash(secret), CreatedBy = createdBy, CreatedAt = now, ExpiresAt = expiresAt!.Value,
        };
        db.ApiTokens.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another Admin made one of that name a moment ago (the unique index caught it).
            return (null, null, [$"name: a token named '{name}' exists already."]);
        }

        return (View(record, now), secret, []);
    }

    /// <summary>Revokes a token: it is refused from now on (here at once). Null when there is no such token; revoking twice keeps the first.</summary>
    public async Task<ApiTokenView?> RevokeAsync(Guid id, string revokedBy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FindAsync([id], cancellationToken);
        if (token is null) return null;
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            token.RevokedBy = revokedBy;
            await db.SaveChangesAsync(cancellationToken);
        }

        _cache.TryRemove(id, out _);
        return View(token, clock.GetUtcNow());
    }

    /// <summary>
    /// Checks a bearer token: the active token it is, or why it is refused. Malformed and unknown tokens are both
    /// "token unknown" and change nothing stored.
    /// </summary>
    public async Task<ApiTokenCheck> CheckAsync(string token, CancellationToken cancellationToken = default)
    {
        // Hashed whatever the token is, so a malformed one costs what a good one does.
        var hash = ApiTokenFormat.Hash(token);
        if (ApiTokenFormat.IdOf(token) is not { } id) return ApiTokenCheck.Refused("token unknown");
        var record = await FindAsync(id, cancellationToken);
        if (record is null || !ApiTokenFormat.HashesMatch(hash, record.Hash)) return ApiTokenCheck.Refused("token unknown");
        var now = clock.GetUtcNow();
        if (record.RevokedAt is not null) return ApiTokenCheck.Refused("token revoked");
        if (record.ExpiresAt <= now) return ApiTokenCheck.Refused("token expired");
        await NoteUseAsync(id, now, cancellationToken);
        return new ApiTokenCheck(record, null);
    }

    public static ApiTokenStatus StatusOf(ApiTokenRecord t, DateTimeOffset now) =>
        t.RevokedAt is not null ? ApiTokenStatus.Revoked
        : t.ExpiresAt <= now ? ApiTokenStatus.Expired
        : ApiTokenStatus.Active;

    private async Task<ApiTokenRecord?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached) && now - cached.LoadedAt < CacheFor && now >= cached.LoadedAt) return cached.Token;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[id] = (record, now);
        return record;
    }

    /// <summary>Writes the last use when this node has not written it within <see cref="LastUseInterval"/>: no write per request.</summary>
    private async Task NoteUseAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = _lastUseWritten.GetValueOrDefault(id, DateTimeOffset.MinValue);
        if (now - written < LastUseInterval) return;
        // Of requests arriving together only the one that moves the mark writes.
        if (!_lastUseWritten.TryUpdate(id, now, written) && !_lastUseWritten.TryAdd(id, now)) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.ApiTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
        {
            // A lost last-use time must not refuse the call it was for.
            logger.LogWarning(ex, "Could not record the last use of API token {Id}.", id);
        }
    }

    private static ApiTokenView View(ApiTokenRecord t, DateTimeOffset now) =>
        new(t.Id, t.Name, t.Role, t.CreatedBy, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.RevokedBy, t.LastUsedAt, StatusOf(t, now));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NameRegex();
}
