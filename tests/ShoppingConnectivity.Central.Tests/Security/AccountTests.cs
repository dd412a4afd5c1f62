using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>Sign-in, sign-out and the end of sessions, through the real login form and cookie.</summary>
public sealed class AccountTests : IDisposable
{
    // Sessions are checked against the user at every request, so a change shows at once.
    private readonly CentralFactory _factory = new(new Dictionary<string, string?> { ["Central:Security:SessionValidationSeconds"] = "0" });

    private HttpClient NewClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task Login_WrongPassword_SaysSoAndSignsNobodyIn()
    {
        await _factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        var client = NewClient();

        var response = await CentralFactory.LoginAsync(client, "jane", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(AccountService.SignInFailed, page);
        Assert.DoesNotContain("not-the-password-at-all", page);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/edges")).StatusCode);
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountWithoutSayingSo()
    {
        await _factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        var client = NewClient();
        for (var i = 0; i < 5; i++) await CentralFactory.LoginAsync(client, "jane", "wrong-password-" + i);

        var response = await CentralFactory.LoginAsync(client, "jane", CentralFactory.TestPassword);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(AccountService.SignInFailed, page);
        Assert.DoesNotContain("locked", page);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/edges")).StatusCode);
        Assert.Contains("Sign-in of jane from (null) refused: the account is locked out", _factory.Logs.Text);
    }

    [Theory]
    [InlineData("/agents", "/agents")]
    [InlineData("/trends/website-shoppingdb-sql?range=7d", "/trends/website-shoppingdb-sql?range=7d")]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    public async Task Login_ReturnUrl_GoesBackOnlyToAPageOfCentral(string returnUrl, string expected)
    {
        await _factory.EnsureUserAsync("admin", CentralRoles.Admin);

        var response = await CentralFactory.LoginAsync(NewClient(), "admin", CentralFactory.TestPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(("localhost", expected), Local(response.Headers.Location!));
    }

    [Fact]
    public async Task Page_Anonymous_RedirectsToLoginAndBackAfterSignIn()
    {
        await _factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        var client = NewClient();

        var challenge = await client.GetAsync("/trends");
        Assert.Equal(HttpStatusCode.Found, challenge.StatusCode);
        var login = challenge.Headers.Location!.PathAndQuery;
        Assert.Equal("/account/login?ReturnUrl=%2Ftrends", login);
        var signedIn = await CentralFactory.LoginAsync(client, "jane", CentralFactory.TestPassword, "/trends");

        Assert.Equal(("localhost", "/trends"), Local(signedIn.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/trends")).StatusCode);
    }

    [Fact]
    public async Task Logout_WithTheFormToken_EndsTheSessionAndEveryCopyOfItsCookie()
    {
        await _factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        var client = NewClient();
        var login = await CentralFactory.LoginAsync(client, "jane", CentralFactory.TestPassword);
        var copy = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var home = await client.GetStringAsync("/");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = CentralFactory.AntiforgeryToken(home),
        }));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/edges")).StatusCode);
        // The cookie as it was before sign-out (another tab, or stolen) is void too.
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/api/v1/edges");
        replay.Headers.Add("Cookie", copy);
        Assert.Equal(HttpStatusCode.Unauthorized, (await NewClient().SendAsync(replay)).StatusCode);
    }

    [Fact]
    public async Task Logout_WithoutTheFormToken_IsRefusedAndTheSessionStays()
    {
        var client = await _factory.SignInAsync(CentralRoles.Viewer);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/edges")).StatusCode);
    }

    [Fact]
    public async Task PasswordReset_EndsTheUsersOpenSessions()
    {
        var client = await _factory.SignInAsync(CentralRoles.Viewer, "jane");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/edges")).StatusCode);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetPasswordAsync("jane", "a-brand-new-password-42"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/edges")).StatusCode);
        var page = await client.GetAsync("/");
        Assert.StartsWith("/account/login", page.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(NewClient(), "jane", "a-brand-new-password-42")).StatusCode);
    }

    [Fact]
    public async Task DisabledUser_CannotSignInAndItsOpenSessionEnds()
    {
        var client = await _factory.SignInAsync(CentralRoles.Operator, "jane");

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync("jane", true));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/edges")).StatusCode);
        var again = await CentralFactory.LoginAsync(NewClient(), "jane", CentralFactory.TestPassword);
        Assert.Contains(AccountService.SignInFailed, await again.Content.ReadAsStringAsync());
        Assert.Contains("Sign-in of jane from (null) refused: the account is disabled.", _factory.Logs.Text);
    }

    [Fact]
    public async Task RoleChange_EndsTheSessionAndTheNextSignInCarriesTheNewRole()
    {
        var client = await _factory.SignInAsync(CentralRoles.Viewer, "jane");
        Assert.Equal("/account/access-denied", (await client.GetAsync("/agents")).Headers.Location!.AbsolutePath);

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetRoleAsync("jane", CentralRoles.Admin));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/edges")).StatusCode);
        var fresh = NewClient();
        await CentralFactory.LoginAsync(fresh, "jane", CentralFactory.TestPassword);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/agents")).StatusCode);
    }

    /// <summary>An open dashboard's circuit is re-checked the same way the cookie is: it ends on a new password or when disabled.</summary>
    [Fact]
    public async Task Circuit_Revalidation_FailsAfterAPasswordResetOrDisabling()
    {
        await _factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        var principal = await PrincipalAsync("jane");
        Assert.True(await IsCurrentAsync(principal));

        await using (var scope = _factory.Services.CreateAsyncScope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetPasswordAsync("jane", "another-password-for-jane"));

        Assert.False(await IsCurrentAsync(principal));
        var fresh = await PrincipalAsync("jane");
        Assert.True(await IsCurrentAsync(fresh));

        await using (var scope = _factory.Services.CreateAsyncScope())
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync("jane", true));

        Assert.False(await IsCurrentAsync(fresh));
    }

    /// <summary>As the circuit's check runs: in a scope of its own, so nothing cached hides the change.</summary>
    private async Task<bool> IsCurrentAsync(System.Security.Claims.ClaimsPrincipal principal)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await RevalidatingIdentityStateProvider.IsCurrentAsync(scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>(), principal,
            scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value);
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync(string userName)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>().FindByNameAsync(userName);
        return await scope.ServiceProvider.GetRequiredService<SignInManager<CentralUser>>().CreateUserPrincipalAsync(user!);
    }

    [Fact]
    public async Task Users_TheLastAdministrator_CannotBeDisabledOrDemoted()
    {
        await _factory.EnsureUserAsync("root", CentralRoles.Admin);
        await using var scope = _factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        Assert.Contains("last enabled administrator", Assert.Single(await admin.SetDisabledAsync("root", true)));
        Assert.Contains("last enabled administrator", Assert.Single(await admin.SetRoleAsync("root", CentralRoles.Viewer)));
        Assert.Empty(await admin.CreateAsync("second", CentralRoles.Admin, "second-admin-password"));
        Assert.Empty(await admin.SetDisabledAsync("root", true));
    }

    [Fact]
    public async Task Users_BadInput_NamesTheField()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        Assert.StartsWith("User name:", Assert.Single(await admin.CreateAsync("no spaces allowed", CentralRoles.Viewer, "long-enough-password")));
        Assert.StartsWith("Role:", Assert.Single(await admin.CreateAsync("jane", "Superuser", "long-enough-password")));
        Assert.StartsWith("Password:", Assert.Single(await admin.CreateAsync("jane", CentralRoles.Viewer, "short")));
    }

    /// <summary>Host and path of a redirect (relative or absolute).</summary>
    private static (string Host, string PathAndQuery) Local(Uri location)
    {
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
        return (absolute.Host, absolute.PathAndQuery);
    }

    public void Dispose() => _factory.Dispose();
}
