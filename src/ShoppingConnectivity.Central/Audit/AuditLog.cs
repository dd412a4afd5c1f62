using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Audit;

/// <summary>One change made by a person: who, what, to what, when.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>The user name, or "system" for changes central makes itself (the bootstrap admin).</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, as area.verb: user.create, smtp.save, agent.revoke, alert.acknowledge ...</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: a user name, an agent id, an alert id ...</summary>
    public required string Target { get; set; }

    /// <summary>Readable details (never a secret: the SMTP page writes "password changed", not the password).</summary>
    public string? Details { get; set; }
}

/// <summary>
/// The audit log features write to after an admin or operator change. Scoped: it takes "who" from the signed-in user of
/// the request or the Blazor circuit it is resolved in.
/// </summary>
public interface IAuditLog
{
    /// <summary>Records a change by the current user. Details must never hold a secret.</summary>
    Task RecordAsync(string action, string target, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>Records a change by a named actor (central itself, or a user known otherwise).</summary>
    Task RecordAsAsync(string actor, string action, string target, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>The newest entries first, optionally only those whose actor, action, target or details contain <paramref name="search"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> ListAsync(string? search = null, int take = 500, CancellationToken cancellationToken = default);
}

public sealed class AuditLog(
    IDbContextFactory<CentralDbContext> dbFactory,
    TimeProvider clock,
    IHttpContextAccessor http,
    IServiceProvider services,
    ILogger<AuditLog> logger) : IAuditLog
{
    public const string SystemActor = "system";

    public async Task RecordAsync(string action, string target, string? details = null, CancellationToken cancellationToken = default) =>
        await RecordAsAsync(await CurrentActorAsync(), action, target, details, cancellationToken);

    public async Task RecordAsAsync(string actor, string action, string target, string? details = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditLog.Add(new AuditRecord
        {
            At = clock.GetUtcNow(),
            Actor = Truncate(actor, 256),
            Action = Truncate(action, 64),
            Target = Truncate(target, 256),
            Details = details is null ? null : Truncate(details, 2000),
        });
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Audit: {Actor} {Action} {Target}", actor, action, target);
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(string? search = null, int take = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            query = query.Where(a => a.Actor.Contains(s) || a.Action.Contains(s) || a.Target.Contains(s) || (a.Details != null && a.Details.Contains(s)));
        }

        return await query.OrderByDescending(a => a.Id).Take(Math.Clamp(take, 1, 10_000)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The Blazor circuit's user when there is one (its HttpContext is the long-gone first request), else the
    /// request's; "system" outside both.
    /// </summary>
    private async Task<string> CurrentActorAsync()
    {
        ClaimsPrincipal? user = null;
        if (services.GetService<AuthenticationStateProvider>() is { } state)
        {
            try
            {
                user = (await state.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Outside a circuit or a component render the provider has no state: use the request's user.
            }
        }

        if (user?.Identity?.IsAuthenticated != true) user = http.HttpContext?.User;
        return user?.Identity?.IsAuthenticated == true && user.Identity.Name is { Length: > 0 } name ? name : SystemActor;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
