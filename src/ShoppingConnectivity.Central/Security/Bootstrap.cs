using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// The first administrator. While the database has no user: created from Central:Bootstrap when set, otherwise a
/// one-time setup token is printed to the log for /account/setup. Once any user exists, neither happens again.
/// </summary>
public static class Bootstrap
{
    public static async Task BootstrapUsersAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await UserAdministration.EnsureRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>());
        var users = provider.GetRequiredService<UserManager<CentralUser>>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("ShoppingConnectivity.Central.Security.Bootstrap");
        if (users.Users.Any()) return;

        var bootstrap = provider.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.AdminUser))
        {
            var user = new CentralUser { UserName = bootstrap.AdminUser.Trim(), Source = UserSources.Local, CreatedAt = provider.GetRequiredService<TimeProvider>().GetUtcNow() };
            var created = await users.CreateAsync(user, bootstrap.AdminPassword!);
            if (created.Succeeded) created = await users.AddToRoleAsync(user, CentralRoles.Admin);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"{BootstrapOptions.Section}: the first administrator could not be created: "
                    + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await provider.GetRequiredService<IAuditLog>().RecordAsAsync(AuditLog.SystemActor, "user.create", user.UserName, $"role {CentralRoles.Admin}, from {BootstrapOptions.Section}", cancellationToken);
            logger.LogInformation("Created the first administrator {User} from {Section}.", user.UserName, BootstrapOptions.Section);
            return;
        }

        var token = services.GetRequiredService<SetupToken>().Issue();
        // The one secret central prints on purpose: useless once used, and replaced at every start until then.
        logger.LogWarning("No user exists yet. Open {SetupPath} and enter this one-time setup token to create the first administrator: {SetupToken}",
            SecurityExtensions.SetupPath, token);
    }
}
