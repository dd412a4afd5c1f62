using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Re-checks the user of an open Blazor circuit as often as the cookie is checked: a changed password or role, or a
/// disabled account, signs the circuit out (its pages then send the browser to the login page).
/// </summary>
public sealed class RevalidatingIdentityStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopeFactory,
    IOptions<IdentityOptions> identity,
    IOptions<SecurityOptions> security)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, security.Value.SessionValidationSeconds));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        return await IsCurrentAsync(users, authenticationState.User, identity.Value);
    }

    /// <summary>The principal's user still exists, is enabled and has the security stamp the principal was issued with.</summary>
    public static async Task<bool> IsCurrentAsync(UserManager<CentralUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled) return false;
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == await users.GetSecurityStampAsync(user);
    }
}
