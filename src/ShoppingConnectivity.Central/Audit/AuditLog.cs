using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Audit;

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
