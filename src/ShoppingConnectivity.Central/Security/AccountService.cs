using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Signs people in and out: local users by their password, others through LDAP when it is on (their role follows
/// their directory groups at every sign-in). Never logs a password.
/// </summary>
public sealed class AccountService(
    SignInManager<CentralUser> signIn,
    UserManager<CentralUser> users,
    LdapAuthenticator ldap,
    IOptions<LdapOptions> ldapOptions,
    SetupToken setupToken,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    public const string WrongCredentials = "Wrong user name or password.";

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, bool remember, CancellationToken cancellationToken = default)
    {
        userName = userName?.Trim() ?? "";
        if (userName.Length == 0 || string.IsNullOrEmpty(password)) return SignInOutcome.Fail("Enter your user name and password.");
        if (!UserNames.IsValid(userName))
        {
            logger.LogWarning("Sign-in refused: the user name is not a valid one.");
            return SignInOutcome.Fail(WrongCredentials);
        }

        var user = await users.FindByNameAsync(userName);
        if (user is { IsDisabled: true })
        {
            logger.LogWarning("Sign-in of {User} refused: the account is disabled.", userName);
            return SignInOutcome.Fail("This account is disabled; ask an administrator.");
        }

        if (user is not null && user.Source == UserSources.Local)
        {
            var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                await MarkSignedInAsync(user);
                logger.LogInformation("{User} signed in.", userName);
                return SignInOutcome.Ok;
            }

            if (result.IsLockedOut)
            {
                logger.LogWarning("Sign-in of {User} refused: locked out after repeated wrong passwords.", userName);
                return SignInOutcome.Fail("Too many wrong passwords: this account is locked for a few minutes.");
            }

            logger.LogWarning("Sign-in of {User} refused: wrong password.", userName);
            return SignInOutcome.Fail(WrongCredentials);
        }

        if (!ldapOptions.Value.Enabled)
        {
            logger.LogWarning("Sign-in of {User} refused: no such user.", userName);
            return SignInOutcome.Fail(WrongCredentials);
        }

        var directory = await ldap.AuthenticateAsync(userName, password, cancellationToken);
        if (!directory.Succeeded)
        {
            logger.LogWarning("Directory sign-in of {User} refused: {Reason}", userName, directory.Error);
            return SignInOutcome.Fail(directory.UserError ?? WrongCredentials);
        }

        user = await SyncDirectoryUserAsync(user, userName, directory.Role!, cancellationToken);
        await signIn.SignInAsync(user, remember);
        await MarkSignedInAsync(user);
        logger.LogInformation("{User} signed in through the directory as {Role} (groups: {Groups}).", userName, directory.Role, string.Join("; ", directory.MatchedGroups));
        return SignInOutcome.Ok;
    }

    /// <summary>
    /// Signs out and renews the user's security stamp: a copy of the session cookie (another tab, another device, a
    /// stolen one) stops working at its next check too.
    /// </summary>
    public async Task SignOutAsync(HttpContext context)
    {
        var user = context.User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(context.User) : null;
        await signIn.SignOutAsync();
        if (user is null) return;
        await users.UpdateSecurityStampAsync(user);
        logger.LogInformation("{User} signed out.", user.UserName);
    }

    /// <summary>Creates the first administrator with the one-time setup token, then signs it in.</summary>
    public async Task<IReadOnlyList<string>> SetUpAsync(string? token, string? userName, string? password, CancellationToken cancellationToken = default)
    {
        if (users.Users.Any()) return ["Central is set up already: sign in instead."];
        if (!setupToken.TryTake(token))
        {
            logger.LogWarning("Setup refused: wrong or used setup token.");
            return ["Setup token: wrong, or used already (a restart prints a new one while no user exists)."];
        }

        await using var scope = scopes.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var errors = await admin.CreateAsync(userName ?? "", CentralRoles.Admin, password ?? "", cancellationToken);
        if (errors.Count > 0)
        {
            setupToken.Restore(token!);
            return errors;
        }

        var user = await users.FindByNameAsync(userName!.Trim());
        await signIn.SignInAsync(user!, isPersistent: false);
        await MarkSignedInAsync(user!);
        logger.LogInformation("First administrator {User} created with the setup token.", user!.UserName);
        return [];
    }

    private async Task<CentralUser> SyncDirectoryUserAsync(CentralUser? user, string userName, string role, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            user = new CentralUser { UserName = userName, Source = UserSources.Directory, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) throw new InvalidOperationException($"Could not record directory user {userName}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsAsync(AuditLog.SystemActor, "user.create", userName, $"from the directory, role {role}", cancellationToken);
        }

        var current = await users.GetRolesAsync(user);
        if (current.Count != 1 || current[0] != role)
        {
            if (current.Count > 0) await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, role);
            if (current.Count > 0)
            {
                await users.UpdateSecurityStampAsync(user); // other sessions still carry the old role
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecordAsAsync(AuditLog.SystemActor, "user.role", userName,
                    $"{string.Join(",", current)} -> {role} (directory groups)", cancellationToken);
            }
        }

        return user;
    }

    private async Task MarkSignedInAsync(CentralUser user)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
    }
}
