using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Creates and changes users, each change written to the audit log. Every call works in a scope of its own, so an open
/// users page never holds stale user rows. Refuses to leave central without an enabled administrator.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IAuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserView>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.CentralDbContext>();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var roleOf = roles.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(r => r.Name).MaxBy(CentralRoles.Rank));
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return users
            .OrderBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(u => new UserView(u.Id, u.UserName!, roleOf.GetValueOrDefault(u.Id), u.Source, u.IsDisabled, u.CreatedAt, u.LastSignInAt,
                u.LockoutEnd is { } end && end > now ? end : null))
            .ToList();
    }

    /// <summary>A local user with a password; the errors name the field at fault.</summary>
    public async Task<IReadOnlyList<string>> CreateAsync(string userName, string role, string password, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        userName = userName.Trim();
        if (!UserNames.IsValid(userName)) errors.Add($"User name: {UserNames.Rule}");
        if (CentralRoles.Normalise(role) is not { } normalised) errors.Add($"Role: '{role}' is not one of {string.Join(", ", CentralRoles.All)}.");
        else role = normalised;
        if (errors.Count > 0) return errors;

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        if (await users.FindByNameAsync(userName) is not null) return [$"User name: '{userName}' exists already."];
        var user = new CentralUser { UserName = userName, Source = UserSources.Local, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Describe(created, "Password");
        var added = await users.AddToRoleAsync(user, role);
        if (!added.Succeeded) return Describe(added, "Role");
        await audit.RecordAsync("user.create", userName, $"role {role}", cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<string>> SetRoleAsync(string userName, string role, CancellationToken cancellationToken = default)
    {
        if (CentralRoles.Normalise(role) is not { } normalised) return [$"Role: '{role}' is not one of {string.Join(", ", CentralRoles.All)}."];
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        if (await users.FindByNameAsync(userName) is not { } user) return [$"No user '{userName}'."];
        var current = (await users.GetRolesAsync(user)).ToList();
        if (current.Count == 1 && current[0] == normalised) return [];
        if (current.Contains(CentralRoles.Admin) && normalised != CentralRoles.Admin && await IsLastAdminAsync(users, user))
            return [$"'{userName}' is the last enabled administrator: make another user Admin first."];
        if (current.Count > 0)
        {
            var removed = await users.RemoveFromRolesAsync(user, current);
            if (!removed.Succeeded) return Describe(removed, "Role");
        }

        var added = await users.AddToRoleAsync(user, normalised);
        if (!added.Succeeded) return Describe(added, "Role");
        // The user's open sessions end (their cookies carry the old role); the next sign-in carries the new one.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync("user.role", userName, $"{string.Join(",", current)} -> {normalised}", cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<string>> ResetPasswordAsync(string userName, string password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        if (await users.FindByNameAsync(userName) is not { } user) return [$"No user '{userName}'."];
        if (user.Source != UserSources.Local) return [$"'{userName}' signs in with the directory: change the password there."];
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded) return Describe(valid, "Password");
        }

        // Remove + add renews the security stamp, which ends the user's open sessions.
        var removed = await users.RemovePasswordAsync(user);
        if (!removed.Succeeded) return Describe(removed, "Password");
        var added = await users.AddPasswordAsync(user, password);
        if (!added.Succeeded) return Describe(added, "Password");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync("user.password-reset", userName, null, cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<string>> SetDisabledAsync(string userName, bool disabled, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        if (await users.FindByNameAsync(userName) is not { } user) return [$"No user '{userName}'."];
        if (user.IsDisabled == disabled) return [];
        if (disabled && await users.IsInRoleAsync(user, CentralRoles.Admin) && await IsLastAdminAsync(users, user))
            return [$"'{userName}' is the last enabled administrator: it cannot be disabled."];
        user.IsDisabled = disabled;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return Describe(updated, "User");
        if (disabled) await users.UpdateSecurityStampAsync(user); // ends its open sessions
        await audit.RecordAsync(disabled ? "user.disable" : "user.enable", userName, null, cancellationToken);
        return [];
    }

    /// <summary>Makes sure the three roles exist (first start, or a database from before roles).</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in CentralRoles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }
    }

    private static async Task<bool> IsLastAdminAsync(UserManager<CentralUser> users, CentralUser user)
    {
        var admins = await users.GetUsersInRoleAsync(CentralRoles.Admin);
        return !admins.Any(a => a.Id != user.Id && !a.IsDisabled);
    }

    private static List<string> Describe(IdentityResult result, string field) =>
        result.Errors.Select(e => $"{field}: {e.Description}").ToList();
}
