using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>
/// Guessing through the login and setup forms (issue #15, point 4): a failure says nothing about the account, an
/// unknown name costs the same password check as a known one, and one client address gets only a few failures per
/// window. The work is counted (password checks through a counting hasher), never timed.
/// </summary>
public sealed class SignInGuessingTests : IDisposable
{
    private const string Failures = "Central:Security:SignInFailuresPerAddress";
    private const string Window = "Central:Security:SignInFailureWindowSeconds";

    private readonly CountingPasswordHasher _hasher = new();
    private readonly List<CentralFactory> _factories = [];

    private CentralFactory Central(Dictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var factory = new CentralFactory(settings ?? new() { [Failures] = "100" }, clock: clock,
            testServices: services => services.AddSingleton<IPasswordHasher<CentralUser>>(_hasher));
        _factories.Add(factory);
        return factory;
    }

    private static HttpClient Browser(CentralFactory factory, string address = "192.0.2.10")
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(CentralFactory.ClientAddressHeader, address);
        return client;
    }

    /// <summary>jane (right password known), lena locked by five wrong passwords, dora disabled.</summary>
    private static async Task<CentralFactory> WithAccountsAsync(CentralFactory factory)
    {
        await factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        await factory.EnsureUserAsync("lena", CentralRoles.Viewer);
        await factory.EnsureUserAsync("dora", CentralRoles.Operator);
        for (var i = 0; i < 5; i++) await CentralFactory.LoginAsync(Browser(factory), "lena", "wrong-password-" + i);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<UserAdministration>().SetDisabledAsync("dora", true));
        return factory;
    }

    /// <summary>Every way a sign-in fails: the guesses an attacker makes, and accounts that exist but cannot sign in.</summary>
    private static readonly (string Case, string User, string Password)[] FailedSignIns =
    [
        ("wrong password", "jane", "not-janes-password-at-all"),
        ("unknown user", "zoe", "not-janes-password-at-all"),
        ("locked account, right password", "lena", CentralFactory.TestPassword),
        ("disabled account, right password", "dora", CentralFactory.TestPassword),
        ("a name no account can have", "no such name!", "not-janes-password-at-all"),
    ];

    [Fact]
    public async Task SignIn_EveryKindOfFailure_RunsThePasswordCheckExactlyOnce()
    {
        var factory = await WithAccountsAsync(Central());
        var checks = new List<(string, int)>();

        foreach (var (kind, user, password) in FailedSignIns)
        {
            var before = _hasher.Verifications;
            var response = await CentralFactory.LoginAsync(Browser(factory), user, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            checks.Add((kind, _hasher.Verifications - before));
        }

        // The same work whether the name exists or not: the timing difference (210 ms against 15 ms) is gone.
        Assert.Equal(FailedSignIns.Select(f => (f.Case, 1)), checks);
    }

    [Fact]
    public async Task SignIn_EveryKindOfFailure_AnswersTheSameWordsAndStatus()
    {
        var factory = await WithAccountsAsync(Central());
        var answers = new List<(string, HttpStatusCode, string)>();

        foreach (var (kind, user, password) in FailedSignIns)
        {
            var response = await CentralFactory.LoginAsync(Browser(factory), user, password);
            answers.Add((kind, response.StatusCode, ErrorOf(await response.Content.ReadAsStringAsync())));
        }

        var first = answers[0];
        Assert.Equal(answers.Select(a => (a.Item1, first.Item2, first.Item3)), answers);
        Assert.Equal(HttpStatusCode.OK, first.Item2);
        Assert.DoesNotContain("lock", first.Item3, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("disabled", first.Item3, StringComparison.OrdinalIgnoreCase);
        // The lockout is still there, only unspoken: lena's right password does not open a session.
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CentralUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByNameAsync("lena"))!));
        Assert.False(await users.IsLockedOutAsync((await users.FindByNameAsync("jane"))!));
    }

    /// <summary>The issue's probe: wrong passwords for one real name until the answer changes; it never does.</summary>
    [Fact]
    public async Task SignIn_RepeatedWrongPasswordsForARealUser_TheAnswerNeverChanges()
    {
        var factory = Central();
        await factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        var unknown = ErrorOf(await (await CentralFactory.LoginAsync(Browser(factory), "zoe", "a-guess-0")).Content.ReadAsStringAsync());

        var answers = new List<string>();
        for (var i = 0; i < 7; i++)
            answers.Add(ErrorOf(await (await CentralFactory.LoginAsync(Browser(factory), "jane", "a-guess-" + i)).Content.ReadAsStringAsync()));

        Assert.All(answers, a => Assert.Equal(unknown, a));
    }

    [Fact]
    public async Task SignIn_TooManyFailuresFromOneAddress_RefusedWithoutACheckUntilTheWindowEnds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = Central(new() { [Failures] = "3", [Window] = "60" }, clock);
        await factory.EnsureUserAsync("jane", CentralRoles.Viewer);
        var guesser = Browser(factory, "192.0.2.66");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await CentralFactory.LoginAsync(guesser, "user-" + i, "a-guessed-password")).StatusCode);

        var before = _hasher.Verifications;
        var refused = await CentralFactory.LoginAsync(guesser, "jane", CentralFactory.TestPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("wait 60 s", ErrorOf(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(before, _hasher.Verifications); // not even checked
        Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/api/v1/edges")).StatusCode);

        // Another address is not held back, and its success does not lift the first one's wait.
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(Browser(factory, "192.0.2.77"), "jane", CentralFactory.TestPassword)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(45));
        var still = await CentralFactory.LoginAsync(guesser, "jane", CentralFactory.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, still.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(15), still.Headers.RetryAfter?.Delta);

        clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(guesser, "jane", CentralFactory.TestPassword)).StatusCode);
        Assert.Contains("192.0.2.66", factory.Logs.Text);
    }

    [Fact]
    public async Task Setup_TooManyWrongTokensFromOneAddress_RefusedEvenWithTheRightToken()
    {
        var factory = Central(new() { [Failures] = "3", [Window] = "60" });
        var guesser = Browser(factory, "192.0.2.66");
        var line = Assert.Single(factory.Logs.Lines, l => l.Message.Contains("one-time setup token", StringComparison.Ordinal));
        var token = Regex.Match(line.Message, @"token to create the first administrator: (\S+)$").Groups[1].Value;
        for (var i = 0; i < 3; i++)
        {
            var wrong = await PostSetupAsync(guesser, "guessed-token-" + i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Setup token: wrong", await wrong.Content.ReadAsStringAsync());
        }

        var refused = await PostSetupAsync(guesser, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("wait 60 s", await refused.Content.ReadAsStringAsync());
        Assert.True(factory.Services.GetRequiredService<SetupToken>().IsPending);
        Assert.Equal(HttpStatusCode.Found, (await PostSetupAsync(Browser(factory, "192.0.2.77"), token)).StatusCode);
        Assert.False(factory.Services.GetRequiredService<SetupToken>().IsPending);
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string token)
    {
        var page = await client.GetStringAsync("/account/setup");
        return await client.PostAsync("/account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = CentralFactory.AntiforgeryToken(page),
            ["_handler"] = "setup",
            ["Input.Token"] = token,
            ["Input.UserName"] = "root",
            ["Input.Password"] = "first-admin-password",
            ["Input.Confirm"] = "first-admin-password",
        }));
    }

    /// <summary>The text of the login page's error box (empty when it has none).</summary>
    private static string ErrorOf(string page) =>
        WebUtility.HtmlDecode(Regex.Match(page, "id=\"login-error\">([^<]*)</div>").Groups[1].Value);

    public void Dispose()
    {
        foreach (var factory in _factories) factory.Dispose();
    }
}
