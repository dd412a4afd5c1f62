using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// Signs people in and out: local users by their password, others through LDAP when it is on (their role follows
/// their directory groups at every sign-in). Never logs a password. Every failed sign-in answers the same words after
/// the same work (one password check), whatever the reason, which only the log names; failures count against the
/// client's address (<see cref="SignInThrottle"/>).
/// </summary>
public sealed class AccountService(
    SignInManager<CentralUser> signIn,
    UserManager<CentralUser> users,
    LdapAuthenticator ldap,
    IOptions<LdapOptions> ldapOptions,
    SetupToken setupToken,
    SignInThrottle throttle,
    DecoyPassword decoy,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    /// <summary>The one answer to a failed sign-in: it never says whether the account exists, is locked or disabled.</summary>
    public const string SignInFailed = "Sign-in failed: the user name or password is wrong, or the account cannot sign in now.";

    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, bool remember, IPAddress? client, CancellationToken cancellationToken = default)
    {
        userName = userName?.Trim() ?? "";
        if (userName.Length == 0 || string.IsNullOrEmpty(password)) return SignInOutcome.Fail("Enter your user name and password.");
        if (throttle.TryBegin(client) is { } wait)
        {
            logger.LogWarning("Sign-in from {Address} refused unchecked: too many failures from that address ({Seconds} s to wait).", client, SignInThrottle.Seconds(wait));
            return SignInOutcome.Wait(wait);
        }

        if (!UserNames.IsValid(userName))
        {
            decoy.Check(users.PasswordHasher, password);
            return Refuse(client, null, "the user name is not a valid one");
        }

        var user = await users.FindByNameAsync(userName);
        if (user is { Source: UserSources.Local })
        {
            if (user.IsDisabled || await users.IsLockedOutAsync(user))
            {
                decoy.Check(users.PasswordHasher, password);
                return Refuse(client, userName, user.IsDisabled ? "the account is disabled" : "the account is locked out after repeated wrong passwords");
            }

            var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
            if (!result.Succeeded)
                return Refuse(client, userName, result.IsLockedOut ? "wrong password; the account is now locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");
            throttle.Forgive(client);
            await MarkSignedInAsync(user);
            logger.LogInformation("{User} signed in.", userName);
            return SignInOutcome.Ok;
        }

        // The cost of a local account's check: without it, a quick answer would tell that no local account has the name.
        decoy.Check(users.PasswordHasher, password);
        if (!ldapOptions.Value.Enabled) return Refuse(client, userName, user is null ? "no such user" : "a directory user, and the directory is off");

        var directory = await ldap.AuthenticateAsync(userName, password, cancellationToken);
        if (!directory.Succeeded && directory.UserError is { } said)
        {
            // The directory could not be asked, or the password was right but gives no role: no guess failed.
            throttle.Forgive(client);
            logger.LogWarning("Directory sign-in of {User} from {Address} refused: {Reason}", userName, client, directory.Error);
            return SignInOutcome.Fail(said);
        }

        if (!directory.Succeeded) return Refuse(client, userName, "directory sign-in: " + directory.Error);
        if (user is { IsDisabled: true }) return Refuse(client, userName, "the account is disabled");

        throttle.Forgive(client);
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

    /// <summary>Creates the first administrator with the one-time setup token, then signs it in. A wrong token counts against the client's address.</summary>
    public async Task<SetupOutcome> SetUpAsync(string? token, string? userName, string? password, IPAddress? client, CancellationToken cancellationToken = default)
    {
        if (users.Users.Any()) return SetupOutcome.Fail("Central is set up already: sign in instead.");
        if (throttle.TryBegin(client) is { } wait)
        {
            logger.LogWarning("Setup from {Address} refused unchecked: too many failures from that address ({Seconds} s to wait).", client, SignInThrottle.Seconds(wait));
            return SetupOutcome.Wait(wait);
        }

        if (!setupToken.TryTake(token))
        {
            logger.LogWarning("Setup from {Address} refused: wrong or used setup token.", client);
            return SetupOutcome.Fail("Setup token: wrong, or used already (a restart prints a new one while no user exists).");
        }

        throttle.Forgive(client);
        await using var scope = scopes.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var errors = await admin.CreateAsync(userName ?? "", CentralRoles.Admin, password ?? "", cancellationToken);
        if (errors.Count > 0)
        {
            setupToken.Restore(token!);
            return SetupOutcome.Fail(errors);
        }

        var user = await users.FindByNameAsync(userName!.Trim());
        await signIn.SignInAsync(user!, isPersistent: false);
        await MarkSignedInAsync(user!);
        logger.LogInformation("First administrator {User} created with the setup token.", user!.UserName);
        return SetupOutcome.Ok;
    }

    /// <summary>The one answer to every failed sign-in; the true reason goes only to the log.</summary>
    private SignInOutcome Refuse(IPAddress? client, string? userName, string reason)
    {
        if (userName is null) logger.LogWarning("Sign-in from {Address} refused: {Reason}.", client, reason);
        else logger.LogWarning("Sign-in of {User} from {Address} refused: {Reason}.", userName, client, reason);
        return SignInOutcome.Fail(SignInFailed);
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
