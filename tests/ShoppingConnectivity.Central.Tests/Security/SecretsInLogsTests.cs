using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Central.Audit;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>
/// Every log line at every level (Trace, ASP.NET Core and EF Core included) while agents enrol and report, people sign
/// in (and fail to), and the SMTP page saves a password and sends a test mail: no secret may appear in any of them.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string SmtpPassword = "smtp-Secret-Pa55word-7781";
    private const string UserPassword = "user-Secret-Pa55word-4419";
    private const string WrongPassword = "wrong-Secret-Pa55word-9034";

    private readonly PageHost _host = new(new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:Quartz"] = "Trace",
    });

    [Fact]
    public async Task Logs_DuringEnrolmentLoginAndSmtpTestMail_HoldNoSecret()
    {
        var factory = _host.Factory;
        var client = factory.CreateClient();

        // Agents: the enrolment key goes in, a token comes out and goes back in with results; a wrong key is refused.
        var agent = await AgentApi.EnrolAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await AgentApi.PostResultsAsync(client, agent,
            new ResultBatch(Guid.NewGuid(), [AgentApi.Result("website-shoppingdb-sql/db01/47101", ProbeOutcome.Reachable)]))).StatusCode);
        await client.PostAsync("/api/v1/agents/enrol", System.Net.Http.Json.JsonContent.Create(new EnrolmentRequest("web01", "wrong-" + CentralFactory.EnrolmentKey, "t"), options: ContractsJson.Options));

        // People: a failed and a good sign-in.
        await factory.EnsureUserAsync("jane", CentralRoles.Operator, UserPassword);
        var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await CentralFactory.LoginAsync(browser, "jane", WrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await CentralFactory.LoginAsync(browser, "jane", UserPassword)).StatusCode);

        // SMTP: a password saved, then a test mail sent with it to a real server.
        using var smtp = SmtpServer.Start();
        var page = _host.Context.Render<SmtpSettingsPage>();
        page.ChangeOn(".smtp-host input", "127.0.0.1");
        page.ChangeOn(".smtp-port input", smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.ChangeOn(".smtp-from input", "alerts@contoso.example");
        page.ChangeOn(".smtp-user input", "alerts");
        page.ChangeOn(".smtp-password input", SmtpPassword);
        page.ClickOn("button.smtp-save");
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".smtp-saved")));
        page.ChangeOn(".smtp-password input", SmtpPassword);
        page.ClickOn("button.smtp-test");
        page.WaitForAssertion(() => Assert.NotEmpty(page.Find(".smtp-test-result").TextContent.Trim()), TimeSpan.FromSeconds(20));

        var logs = factory.Logs.Text;
        Assert.True(factory.Logs.Lines.Count > 200, $"only {factory.Logs.Lines.Count} log lines: the capture did not see Trace");
        Assert.Contains("jane signed in", logs);
        Assert.Contains(factory.Logs.Lines, l => l.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && l.Level == LogLevel.Debug);
        foreach (var (name, secret) in new[]
        {
            ("enrolment key", CentralFactory.EnrolmentKey), ("agent token", agent.Token), ("user password", UserPassword),
            ("wrong password", WrongPassword), ("SMTP password", SmtpPassword),
        })
        {
            Assert.False(logs.Contains(secret, StringComparison.Ordinal), $"the {name} is in the log");
        }

        // The audit log says what changed, never the secret.
        var audit = Assert.Single(await factory.Services.GetRequiredService<IAuditLog>().ListAsync("smtp.save"));
        Assert.Contains("password changed", audit.Details);
        Assert.DoesNotContain(SmtpPassword, audit.Details!, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
