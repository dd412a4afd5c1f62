using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>Sign-in through a real slapd (plain LDAP and LDAPS), directory groups mapped to roles.</summary>
public sealed class LdapSignInTests : IDisposable
{
    private readonly Slapd _slapd = Slapd.Start();
    private readonly List<CentralFactory> _factories = [];
    private readonly CountingPasswordHasher _hasher = new();

    public LdapSignInTests()
    {
        _slapd.AddPerson("ann", "anns-directory-password");
        _slapd.AddPerson("olga", "olgas-directory-password");
        _slapd.AddPerson("nobody", "nobodys-directory-password");
        _slapd.AddGroup("shop-admins", "ann");
        _slapd.AddGroup("shop-operators", "olga");
        _slapd.AddGroup("shop-viewers", "ann", "olga");
        _slapd.AddGroup("unrelated", "nobody");
    }

    private CentralFactory Central(bool tls = false, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Central:Security:SessionValidationSeconds"] = "0",
            ["Central:Ldap:Enabled"] = "true",
            ["Central:Ldap:Server"] = "127.0.0.1",
            ["Central:Ldap:Port"] = (tls ? _slapd.SecurePort : _slapd.Port).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Central:Ldap:UseTls"] = tls ? "true" : "false",
            ["Central:Ldap:TrustedCertificatesDirectory"] = tls ? _slapd.TrustedCertificatesDirectory : null,
            ["Central:Ldap:BindDn"] = Slapd.RootDn,
            ["Central:Ldap:BindPassword"] = Slapd.RootPassword,
            ["Central:Ldap:SearchBase"] = Slapd.Suffix,
            ["Central:Ldap:UserFilter"] = "(&(objectClass=inetOrgPerson)(uid={0}))",
            ["Central:Ldap:GroupFilter"] = "(&(objectClass=groupOfNames)(member={0}))",
            // By common name, and by distinguished name.
            ["Central:Ldap:RoleGroups:Admin:0"] = "shop-admins",
            ["Central:Ldap:RoleGroups:Operator:0"] = Slapd.GroupDn("shop-operators"),
            ["Central:Ldap:RoleGroups:Viewer:0"] = "shop-viewers",
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var factory = new CentralFactory(settings, testServices: services => services.AddSingleton<IPasswordHasher<CentralUser>>(_hasher));
        _factories.Add(factory);
        return factory;
    }

    private static HttpClient Browser(CentralFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Directory_UserInMappedGroups_SignsInWithTheHighestRole(bool tls)
    {
        var factory = Central(tls);
        var ann = Browser(factory);
        var olga = Browser(factory);

        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(ann, "ann", "anns-directory-password")).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(olga, "olga", "olgas-directory-password")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await olga.GetAsync("/alerts")).StatusCode);
        Assert.Equal("/account/access-denied", (await olga.GetAsync("/admin/users")).Headers.Location!.AbsolutePath);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync();
        Assert.Equal([("ann", "Admin", UserSources.Directory), ("olga", "Operator", UserSources.Directory)],
            users.Select(u => (u.UserName, u.Role!, u.Source)));
        Assert.Contains("ann signed in through the directory as Admin", factory.Logs.Text);
    }

    [Fact]
    public async Task Directory_WrongPasswordOrUnknownUser_IsRefused()
    {
        var factory = Central();

        var wrong = await CentralFactory.LoginAsync(Browser(factory), "ann", "not-anns-password");
        var unknown = await CentralFactory.LoginAsync(Browser(factory), "zoe", "whatever-password");
        var wildcard = await CentralFactory.LoginAsync(Browser(factory), "*", "anns-directory-password");

        foreach (var response in new[] { wrong, unknown, wildcard })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(AccountService.SignInFailed, await response.Content.ReadAsStringAsync());
        }

        Assert.Contains("invalid credentials", factory.Logs.Text);
        Assert.DoesNotContain("not-anns-password", factory.Logs.Text);
    }

    /// <summary>
    /// An unknown name costs what a known one does: a search and a bind with the offered password (as a name no entry
    /// has), and one local password check (the cost of a local account's sign-in), counted instead of timed.
    /// </summary>
    [Fact]
    public async Task Directory_UnknownUser_DoesTheSameWorkAsAWrongPassword()
    {
        var factory = Central();
        var work = new List<(string, int, int)>();
        _slapd.WaitForOwnBinds();

        foreach (var (user, password) in new[] { ("ann", "not-anns-password"), ("zoe", "whatever-password") })
        {
            var (binds, checks) = (_slapd.Binds, _hasher.Verifications);
            var response = await CentralFactory.LoginAsync(Browser(factory), user, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            _slapd.WaitForBinds(binds + 2);
            work.Add((user, _slapd.Binds - binds, _hasher.Verifications - checks));
        }

        // Two binds each: central's own (to search) and one with the offered password.
        Assert.Equal([("ann", 2, 1), ("zoe", 2, 1)], work);
        Assert.Contains("Sign-in of zoe from (null) refused: directory sign-in: no such user in the directory.", factory.Logs.Text);
    }

    [Fact]
    public async Task Directory_UserInNoMappedGroup_IsToldWhy()
    {
        var factory = Central();

        var response = await CentralFactory.LoginAsync(Browser(factory), "nobody", "nobodys-directory-password");

        Assert.Contains("in no group that has a role", await response.Content.ReadAsStringAsync());
        Assert.Contains($"{Slapd.PersonDn("nobody")} is in no group of Central:Ldap:RoleGroups (its groups: {Slapd.GroupDn("unrelated")})", factory.Logs.Text);
    }

    [Fact]
    public async Task Directory_GroupsChange_TheNextSignInCarriesTheNewRoleAndItIsAudited()
    {
        var factory = Central();
        var first = Browser(factory);
        await CentralFactory.LoginAsync(first, "olga", "olgas-directory-password");
        Assert.Equal("/account/access-denied", (await first.GetAsync("/agents")).Headers.Location!.AbsolutePath);

        _slapd.AddMember("shop-admins", "olga");
        var second = Browser(factory);
        await CentralFactory.LoginAsync(second, "olga", "olgas-directory-password");

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/agents")).StatusCode);
        // The older session carried the old role: it ends.
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/v1/edges")).StatusCode);
        var entry = Assert.Single(await factory.Services.GetRequiredService<IAuditLog>().ListAsync("user.role"));
        Assert.Equal(("olga", "Operator -> Admin (directory groups)"), (entry.Target, entry.Details));

        _slapd.RemoveMember("shop-admins", "olga");
        _slapd.RemoveMember("shop-operators", "olga");
        _slapd.RemoveMember("shop-viewers", "olga");
        var third = await CentralFactory.LoginAsync(Browser(factory), "olga", "olgas-directory-password");
        Assert.Contains("in no group that has a role", await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Directory_Unreachable_SaysSoWithoutSigningIn()
    {
        var factory = Central(extra: new() { ["Central:Ldap:Port"] = "1", ["Central:Ldap:TimeoutSeconds"] = "2" });

        var response = await CentralFactory.LoginAsync(Browser(factory), "ann", "anns-directory-password");

        Assert.Contains("directory could not be reached", await response.Content.ReadAsStringAsync());
        Assert.Contains("the directory at 127.0.0.1:1 failed", factory.Logs.Text);
    }

    [Fact]
    public void Directory_BadSettings_StopTheStartNamingEachKey()
    {
        var factory = Central(extra: new()
        {
            ["Central:Ldap:Server"] = "",
            ["Central:Ldap:SearchBase"] = "",
            ["Central:Ldap:UserFilter"] = "uid=x",
            ["Central:Ldap:BindPassword"] = "",
            ["Central:Ldap:RoleGroups:Superuser:0"] = "shop-viewers",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Central:Ldap:Server is required when Central:Ldap:Enabled is true.", error.Failures);
        Assert.Contains("Central:Ldap:SearchBase is required when Central:Ldap:Enabled is true.", error.Failures);
        Assert.Contains(error.Failures, f => f.StartsWith("Central:Ldap:UserFilter must be an LDAP filter", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Central:Ldap:BindDn and Central:Ldap:BindPassword go together", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Central:Ldap:RoleGroups:Superuser: 'Superuser' is not a role", StringComparison.Ordinal));
    }

    [Fact]
    public void EscapeFilter_SpecialCharacters_MatchOnlyThemselves() =>
        Assert.Equal(@"a\2a\28b\29\5c\00", LdapAuthenticator.EscapeFilter("a*(b)\\\0"));

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
        _slapd.Dispose();
    }
}
