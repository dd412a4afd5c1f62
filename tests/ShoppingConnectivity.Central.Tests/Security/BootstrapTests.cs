using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Security;
using ShoppingConnectivity.Central.Tests.Infrastructure;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>The first administrator: from the settings, or from the one-time token central prints at its first start.</summary>
public sealed class BootstrapTests
{
    private const string AdminPassword = "bootstrap-admin-password";

    [Fact]
    public async Task Bootstrap_FromSettings_CreatesTheAdminOnceAndNeverResetsIt()
    {
        using var first = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Bootstrap:AdminUser"] = "root",
            ["Central:Bootstrap:AdminPassword"] = AdminPassword,
        });
        {
            var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(client, "root", AdminPassword)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
            var entry = Assert.Single(await first.Services.GetRequiredService<IAuditLog>().ListAsync("user.create"));
            Assert.Equal((AuditLog.SystemActor, "root"), (entry.Actor, entry.Target));
            Assert.DoesNotContain(AdminPassword, first.Logs.Text);
            Assert.False(first.Services.GetRequiredService<SetupToken>().IsPending);
        }

        // Same database, other settings: users exist, so the settings are not applied again.
        using var again = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:DataDirectory"] = Path.Combine(first.Directory, "data"),
            ["Central:Bootstrap:AdminUser"] = "root",
            ["Central:Bootstrap:AdminPassword"] = "another-password-entirely",
        });
        var second = again.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(second, "root", AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Setup_WithTheTokenFromTheLog_CreatesTheFirstAdminOnce()
    {
        using var factory = new CentralFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var line = Assert.Single(factory.Logs.Lines, l => l.Message.Contains("one-time setup token", StringComparison.Ordinal));
        var token = Regex.Match(line.Message, @"token to create the first administrator: (\S+)$").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Contains("create the first administrator", await client.GetStringAsync("/account/login"));

        var wrong = await PostSetupAsync(client, "not-the-token", "root", AdminPassword);
        Assert.Contains("Setup token: wrong", wrong);
        var weak = await PostSetupAsync(client, token, "root", "short");
        Assert.Contains("Password:", weak);
        Assert.True(factory.Services.GetRequiredService<SetupToken>().IsPending, weak);

        var page = await client.GetStringAsync("/account/setup");
        var done = await client.PostAsync("/account/setup", SetupForm(page, token, "root", AdminPassword));
        Assert.Equal(HttpStatusCode.Found, done.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode); // signed in, as Admin

        // Used up: the page no longer offers the form, and the token no longer opens anything.
        Assert.Contains("id=\"setup-done\"", await factory.CreateClient().GetStringAsync("/account/setup"));
        Assert.False(factory.Services.GetRequiredService<SetupToken>().TryTake(token));
        Assert.DoesNotContain(AdminPassword, factory.Logs.Text);
    }

    [Theory]
    [InlineData("root", null, "Central:Bootstrap:AdminUser and Central:Bootstrap:AdminPassword go together")]
    [InlineData("root", "short", "Central:Bootstrap:AdminPassword must be at least 12 characters")]
    [InlineData("has space", AdminPassword, "Central:Bootstrap:AdminUser: a user name is")]
    public void Bootstrap_BadSettings_StopTheStartNamingTheKey(string user, string? password, string expected)
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Bootstrap:AdminUser"] = user,
            ["Central:Bootstrap:AdminPassword"] = password,
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Security_BadSettings_StopTheStartListingEveryKey()
    {
        using var factory = new CentralFactory(new Dictionary<string, string?>
        {
            ["Central:Security:SessionValidationSeconds"] = "-1",
            ["Central:Security:SessionHours"] = "0",
            ["Central:Security:AgentRequestsPerMinute"] = "0",
            ["Central:Security:EnrolRequestsPerMinute"] = "0",
            ["Central:Security:MaxResultsBodyKilobytes"] = "1",
            ["Central:Security:SignInFailuresPerAddress"] = "0",
            ["Central:Security:SignInFailureWindowSeconds"] = "0",
            ["Central:Security:SignInTrackedAddresses"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Equal(
            ["SessionValidationSeconds", "SessionHours", "AgentRequestsPerMinute", "EnrolRequestsPerMinute", "MaxResultsBodyKilobytes",
                "SignInFailuresPerAddress", "SignInFailureWindowSeconds", "SignInTrackedAddresses"],
            error.Failures.Select(f => Regex.Match(f, @"^Central:Security:(\w+)").Groups[1].Value));
    }

    private static async Task<string> PostSetupAsync(HttpClient client, string token, string user, string password)
    {
        var page = await client.GetStringAsync("/account/setup");
        var response = await client.PostAsync("/account/setup", SetupForm(page, token, user, password));
        return await response.Content.ReadAsStringAsync();
    }

    private static FormUrlEncodedContent SetupForm(string page, string token, string user, string password) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = CentralFactory.AntiforgeryToken(page),
        ["_handler"] = "setup",
        ["Input.Token"] = token,
        ["Input.UserName"] = user,
        ["Input.Password"] = password,
        ["Input.Confirm"] = password,
    });
}
