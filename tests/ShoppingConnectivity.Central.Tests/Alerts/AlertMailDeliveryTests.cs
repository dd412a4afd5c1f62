using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Alerts;

/// <summary>
/// Central in-process and a real SMTP server (aiosmtpd) on loopback: results in through the agent API, mail out through
/// MailKit, read back from the server's maildir. Central's clock is the test's: the test runs the alert evaluation and
/// the delivery itself (what the jobs do) and moves time for the retries, so nothing waits for a job to come round.
/// </summary>
public sealed class AlertMailDeliveryTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(30);

    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public AlertMailDeliveryTests() => _factory = new(new Dictionary<string, string?>
    {
        ["Central:PublicUrl"] = "https://central.test.example/",
        ["Central:Alerts:GroupingSeconds"] = "0",
        // The jobs stay out of the way: the test evaluates and delivers.
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:RetryFirstSeconds"] = "10",
        ["Central:Alerts:RetryMaxSeconds"] = "20",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
    }, clock: _clock);

    private async Task<(HttpClient Client, EnrolmentResponse Agent)> StartAsync()
    {
        var client = _factory.CreateClient();
        var errors = await _factory.Services.GetRequiredService<SmtpSettingsStore>()
            .SaveAsync(new SmtpSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, null, null, false, "alerts@contoso.example"));
        Assert.Empty(errors);
        return (client, await AgentApi.EnrolAsync(client));
    }

    private async Task PostAsync(HttpClient client, EnrolmentResponse agent, params (ProbeOutcome Outcome, int SecondsAgo)[] runs)
    {
        var now = _clock.GetUtcNow();
        var batch = new ResultBatch(Guid.NewGuid(), runs.Select(r => AgentApi.Result(SqlProbe, r.Outcome, now.AddSeconds(-r.SecondsAgo))).ToList());
        (await AgentApi.PostResultsAsync(client, agent, batch)).EnsureSuccessStatusCode();
    }

    /// <summary>One run of each alert job: evaluate the rules, then send what is due.</summary>
    private async Task EvaluateAndDeliverAsync()
    {
        await _factory.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        await _factory.Services.GetRequiredService<AlertDelivery>().DeliverDueAsync();
    }

    private async Task<string> HistoryAsync()
    {
        var alerts = await _factory.Services.GetRequiredService<AlertHistory>().ListAsync();
        return string.Join("\n", alerts.SelectMany(a => a.Events.Select(e => $"{a.Key} {e.At:HH:mm:ss.fff} {e.Kind}: {e.Text}")
            .Concat(a.Mails.Select(m => $"mail {m.MessageId} {m.Kind} {m.Status} attempts {m.Attempts}: {m.LastError}"))));
    }

    private static string TextOf(MimeMessage message) => message.TextBody ?? "";

    [Fact]
    public async Task Alerts_EdgeBreaksThenRecovers_ExactlyOneBrokenAndOneRecoveredMail()
    {
        var (client, agent) = await StartAsync();

        await PostAsync(client, agent, (ProbeOutcome.TimedOut, 3), (ProbeOutcome.TimedOut, 2), (ProbeOutcome.TimedOut, 1));
        await EvaluateAndDeliverAsync();
        var broken = Assert.Single(await _smtp.WaitForMessagesAsync(1, MailTimeout, () => HistoryAsync().Result));

        // db01 listens on 47101 (its own port setting): subject and body name the port probed.
        Assert.Equal("[Shopping Connectivity] BROKEN: Shopping Website \u2192 Shopping DB (SQL Server) TCP 47101", broken.Subject);
        Assert.Equal("ops@contoso.example", Assert.Single(broken.To.Mailboxes).Address);
        Assert.Equal("alerts@contoso.example", Assert.Single(broken.From.Mailboxes).Address);
        Assert.Contains("web01 \u2192 db01:47101 TimedOut since", TextOf(broken));
        Assert.Contains("Hint: A firewall between web01 and db01 drops TCP 47101", TextOf(broken));
        Assert.Contains("Drill-down: https://central.test.example/?edge=website-shoppingdb-sql", TextOf(broken));
        Assert.Contains("href=\"https://central.test.example/?edge=website-shoppingdb-sql\"", broken.HtmlBody);

        _clock.Advance(TimeSpan.FromSeconds(30));
        await PostAsync(client, agent, (ProbeOutcome.Reachable, 1), (ProbeOutcome.Reachable, 0));
        await EvaluateAndDeliverAsync();
        var messages = await _smtp.WaitForMessagesAsync(2, MailTimeout, () => HistoryAsync().Result);
        for (var i = 0; i < 3; i++)
        {
            // More evaluations and deliveries, later on: nothing more may come.
            _clock.Advance(TimeSpan.FromSeconds(30));
            await EvaluateAndDeliverAsync();
        }

        Assert.Equal(2, _smtp.Messages().Count);
        Assert.StartsWith("[Shopping Connectivity] RECOVERED: Shopping Website \u2192 Shopping DB (SQL Server) TCP 47101 after ", messages[1].Subject);
        Assert.Contains("after an outage of", TextOf(messages[1]));
        var alert = Assert.Single(await _factory.Services.GetRequiredService<AlertHistory>().ListAsync());
        Assert.Equal("Closed", alert.State);
        Assert.Equal(["Broken", "Recovered"], alert.Mails.Select(m => m.Kind));
        Assert.All(alert.Mails, m => Assert.Equal(("Sent", 1), (m.Status, m.Attempts)));
        // The broken mail links the alert's own page (its id given in the transaction that opened it) to acknowledge it.
        Assert.Contains($"Acknowledge: https://central.test.example/alerts/{alert.Id}\n", TextOf(broken).ReplaceLineEndings("\n"));
        Assert.Contains($"href=\"https://central.test.example/alerts/{alert.Id}\"", broken.HtmlBody);
        Assert.Contains("web01 \u2192 db01:47101 was TimedOut from ", TextOf(messages[1]));
        Assert.Contains(", reachable again at ", TextOf(messages[1]));
    }

    [Fact]
    public async Task Alerts_SmtpServerDownDuringABreak_MailWaitsAndArrivesAfterItRestarts()
    {
        var (client, agent) = await StartAsync();
        _smtp.Stop();

        await PostAsync(client, agent, (ProbeOutcome.Refused, 3), (ProbeOutcome.Refused, 2), (ProbeOutcome.Refused, 1));
        var history = _factory.Services.GetRequiredService<AlertHistory>();
        var delivery = _factory.Services.GetRequiredService<AlertDelivery>();
        await EvaluateAndDeliverAsync(); // attempt 1
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, await delivery.DeliverDueAsync()); // not due: the retry waits RetryFirstSeconds
        _clock.Advance(TimeSpan.FromSeconds(1));
        await delivery.DeliverDueAsync(); // attempt 2

        var waiting = Assert.Single((await history.ListAsync()).SelectMany(a => a.Mails));
        Assert.Equal(("Pending", 2), (waiting.Status, waiting.Attempts));
        Assert.Equal(_clock.GetUtcNow().AddSeconds(20), waiting.NextAttemptAt); // doubled
        Assert.StartsWith("cannot connect", waiting.LastError);
        Assert.Equal(1, (await history.OutboxAsync()).Pending);
        Assert.Empty(_smtp.Messages());

        _smtp.Restart();
        _clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await delivery.DeliverDueAsync()); // attempt 3

        var message = Assert.Single(await _smtp.WaitForMessagesAsync(1, MailTimeout, () => HistoryAsync().Result));
        Assert.StartsWith("[Shopping Connectivity] BROKEN: ", message.Subject);
        Assert.Contains("db01:47101 Refused", TextOf(message));
        Assert.Equal(0, (await history.OutboxAsync()).Pending);
        var sent = (await history.ListAsync()).SelectMany(a => a.Mails).Single();
        Assert.Equal(("Sent", 3), (sent.Status, sent.Attempts));
    }

    [Fact]
    public async Task SendTest_ServerUp_ReportsTheServersAnswerAndTheMailArrives()
    {
        await StartAsync();
        var services = _factory.Services;

        var result = await services.GetRequiredService<SmtpMailer>().SendTestAsync(services.GetRequiredService<SmtpSettingsStore>(),
            new SmtpSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, null, null, false, "alerts@contoso.example"), "jane@contoso.example");

        Assert.True(result.Sent, result.Answer);
        Assert.Equal("OK", result.Answer);
        var message = Assert.Single(await _smtp.WaitForMessagesAsync(1, MailTimeout));
        Assert.Equal("[Shopping Connectivity] Test email", message.Subject);
        Assert.Equal("jane@contoso.example", Assert.Single(message.To.Mailboxes).Address);
    }

    [Fact]
    public async Task SendTest_ServerDown_ReportsWhyWithoutSending()
    {
        await StartAsync();
        _smtp.Stop();
        var services = _factory.Services;

        var result = await services.GetRequiredService<SmtpMailer>().SendTestAsync(services.GetRequiredService<SmtpSettingsStore>(),
            new SmtpSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, null, null, false, "alerts@contoso.example"), "jane@contoso.example");

        Assert.False(result.Sent);
        Assert.StartsWith("cannot connect: Connection refused", result.Answer);
    }

    [Fact]
    public async Task SmtpSettings_Password_IsStoredProtectedAndNeverReturned()
    {
        await StartAsync();
        var store = _factory.Services.GetRequiredService<SmtpSettingsStore>();
        const string password = "Secret-Password-4711";

        Assert.Empty(await store.SaveAsync(new SmtpSettingsInput("smtp.contoso.example", 587, SmtpSecurity.StartTls, "alerts", password, false, "alerts@contoso.example")));
        var shown = await store.GetAsync();
        var stored = await WithDbAsync(db => db.SmtpSettings.SingleAsync());
        // Saving again without a password keeps the stored one; the clear box removes it.
        Assert.Empty(await store.SaveAsync(new SmtpSettingsInput("smtp.contoso.example", 587, SmtpSecurity.StartTls, "alerts", "", false, "alerts@contoso.example")));
        var kept = await store.GetAsync();
        Assert.Empty(await store.SaveAsync(new SmtpSettingsInput("smtp.contoso.example", 587, SmtpSecurity.StartTls, "alerts", null, true, "alerts@contoso.example")));

        Assert.Equal(new SmtpSettings("smtp.contoso.example", 587, SmtpSecurity.StartTls, "alerts", true, "alerts@contoso.example"), shown);
        Assert.DoesNotContain(password, shown!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(stored.ProtectedPassword);
        Assert.DoesNotContain(password, stored.ProtectedPassword, StringComparison.Ordinal);
        Assert.True(kept!.HasPassword);
        Assert.False((await store.GetAsync())!.HasPassword);
    }

    [Fact]
    public async Task SmtpSettings_Invalid_NamesEveryField()
    {
        await StartAsync();

        var errors = await _factory.Services.GetRequiredService<SmtpSettingsStore>()
            .SaveAsync(new SmtpSettingsInput(" ", 0, SmtpSecurity.None, null, "pw", false, "nobody"));

        Assert.Equal([
            "host: the SMTP server's name or address is required.",
            "port: must be between 1 and 65535 (is 0).",
            "from: 'nobody' is not an email address.",
            "user: a password needs a user name to log in with.",
        ], errors);
    }

    private async Task<T> WithDbAsync<T>(Func<CentralDbContext, Task<T>> query)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }
}
