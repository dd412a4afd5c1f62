using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Alerts;

/// <summary>
/// A domain controller whose LDAPS certificate expires in 4 days, read back from a real SMTP server (aiosmtpd): the
/// edge still answers, so the mail says DEGRADED with the cause, in amber, not BROKEN; once the certificate is renewed
/// one mail says it is no longer degraded. Central's clock is the test's; the test runs evaluation and delivery itself.
/// </summary>
public sealed class AlertMailDegradedTests : IDisposable
{
    private const string LdapsProbe = "website-dc-ldaps/dc01/636";
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(30);

    private const string EstateJson = """
        {
          "name": "Test estate",
          "hosts": [
            { "name": "web01", "address": "127.0.0.1", "roles": ["Website"] },
            { "name": "dc01", "address": "127.0.0.1", "roles": ["DomainController"] }
          ]
        }
        """;

    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public AlertMailDegradedTests() => _factory = new(new Dictionary<string, string?>
    {
        ["Central:PublicUrl"] = "https://central.test.example/",
        ["Central:Alerts:GroupingSeconds"] = "0",
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
    }, EstateJson, clock: _clock);

    /// <summary>Three runs of the LDAPS probe, the last just now; <paramref name="expiresIn"/> null: a certificate far from expiry.</summary>
    private async Task PostAsync(HttpClient client, EnrolmentResponse agent, TimeSpan? expiresIn)
    {
        var now = _clock.GetUtcNow();
        var results = Enumerable.Range(0, 3).Select(i =>
        {
            var at = now.AddSeconds(i - 2);
            return expiresIn is { } left
                ? new ProbeResultDto(LdapsProbe, "website-dc-ldaps", ProbeOutcome.Reachable, 2.5,
                    $"TLS 1.3, certificate CN=dc01 issued by CN=ca, expires {now + left:yyyy-MM-dd HH:mm} UTC ({(int)left.TotalDays} days left, within the 14-day warning: renew it soon).",
                    at, Degraded: true)
                : new ProbeResultDto(LdapsProbe, "website-dc-ldaps", ProbeOutcome.Reachable, 2.5,
                    $"TLS 1.3, certificate CN=dc01 issued by CN=ca, expires {now.AddDays(365):yyyy-MM-dd HH:mm} UTC.", at);
        }).ToList();
        (await AgentApi.PostResultsAsync(client, agent, new ResultBatch(Guid.NewGuid(), results))).EnsureSuccessStatusCode();
    }

    private async Task EvaluateAndDeliverAsync()
    {
        await _factory.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        await _factory.Services.GetRequiredService<AlertDelivery>().DeliverDueAsync();
    }

    private async Task<string> HistoryAsync()
    {
        var alerts = await _factory.Services.GetRequiredService<AlertHistory>().ListAsync();
        return string.Join("\n", alerts.SelectMany(a => a.Events.Select(e => $"{a.Key} {e.Kind}: {e.Text}")
            .Concat(a.Mails.Select(m => $"mail {m.MessageId} {m.Kind} {m.Status}: {m.LastError}"))));
    }

    [Fact]
    public async Task Mail_CertificateNearExpiry_OneDegradedMailWithTheCauseThenOneWhenRenewed()
    {
        var client = _factory.CreateClient();
        Assert.Empty(await _factory.Services.GetRequiredService<SmtpSettingsStore>()
            .SaveAsync(new SmtpSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, null, null, false, "alerts@contoso.example")));
        var web01 = await AgentApi.EnrolAsync(client, "web01", ["Website"]);

        await PostAsync(client, web01, TimeSpan.FromDays(4).Add(TimeSpan.FromHours(1)));
        await EvaluateAndDeliverAsync();
        var degraded = Assert.Single(await _smtp.WaitForMessagesAsync(1, MailTimeout, () => HistoryAsync().Result));

        Assert.StartsWith("[Shopping Connectivity] DEGRADED: Shopping Website \u2192 Active Directory DC TCP 636", degraded.Subject);
        Assert.EndsWith(": certificate expires in 4 days", degraded.Subject);
        var text = (degraded.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.Contains("Reachable, but degraded since ", text);
        Assert.Contains("web01 \u2192 dc01:636 certificate expires in 4 days (TLS 1.3, certificate CN=dc01 issued by CN=ca, expires ", text);
        Assert.Contains("Hint: Renew the certificate on dc01 before it expires; the connection still works.\n", text);
        Assert.DoesNotContain("BROKEN", text);
        Assert.Contains("color:#b26a00", degraded.HtmlBody);
        Assert.Contains("\u26a0 DEGRADED: ", degraded.HtmlBody);
        Assert.DoesNotContain("#c62828", degraded.HtmlBody);

        // Still degraded five hours later, past the broken reminder interval: no second mail.
        _clock.Advance(TimeSpan.FromHours(5));
        await PostAsync(client, web01, TimeSpan.FromDays(3).Add(TimeSpan.FromHours(20)));
        await EvaluateAndDeliverAsync();
        Assert.Single(_smtp.Messages());

        // Renewed: one mail says so, and the alert closes.
        _clock.Advance(TimeSpan.FromMinutes(5));
        await PostAsync(client, web01, null);
        await EvaluateAndDeliverAsync();
        var messages = await _smtp.WaitForMessagesAsync(2, MailTimeout, () => HistoryAsync().Result);

        Assert.StartsWith("[Shopping Connectivity] NO LONGER DEGRADED: Shopping Website \u2192 Active Directory DC TCP 636", messages[1].Subject);
        Assert.Contains("web01 \u2192 dc01:636 no longer degraded (was: certificate expires in 3 days)", messages[1].TextBody ?? "");
        var alert = Assert.Single(await _factory.Services.GetRequiredService<AlertHistory>().ListAsync());
        Assert.Equal(("Closed", AlertRecord.DegradedOutcome), (alert.State, alert.Outcome));
        Assert.Equal(["Degraded", "Cleared"], alert.Mails.Select(m => m.Kind));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }
}
