using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Alerts;

/// <summary>
/// Mail that failed for a reason only a person can fix (issue 18, point 8), against a real SMTP server (aiosmtpd on
/// loopback, which offers no login): central is set to log in, the mail is held rather than retried; the login is
/// removed, "send again" queues it and the next delivery hands it to the server.
/// </summary>
public sealed class AlertMailResendTests : IDisposable
{
    private const string SqlProbe = "website-shoppingdb-sql/db01/47101";
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(30);

    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public AlertMailResendTests() => _factory = new(new Dictionary<string, string?>
    {
        ["Central:Alerts:GroupingSeconds"] = "0",
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:RetryFirstSeconds"] = "10",
        ["Central:Alerts:RetryMaxSeconds"] = "20",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
    }, clock: _clock);

    private T Get<T>() where T : notnull => _factory.Services.GetRequiredService<T>();

    private async Task SaveSmtpAsync(string? user, string? password) =>
        Assert.Empty(await Get<SmtpSettingsStore>().SaveAsync(new SmtpSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, user, password, password is null, "alerts@contoso.example")));

    private async Task<AlertMessageRecord> MessageAsync()
    {
        await using var db = await Get<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync();
        return await db.AlertMessages.AsNoTracking().SingleAsync();
    }

    [Fact]
    public async Task Delivery_LoginImpossibleThenFixedAndSentAgain_HeldNotRetriedThenDelivered()
    {
        var client = _factory.CreateClient();
        var agent = await AgentApi.EnrolAsync(client);
        await SaveSmtpAsync("alerts", "secret-password-1");
        var now = _clock.GetUtcNow();
        var batch = new ResultBatch(Guid.NewGuid(), new[] { 1, 2, 3 }.Select(s => AgentApi.Result(SqlProbe, ProbeOutcome.TimedOut, now.AddSeconds(-s))).ToList());
        (await AgentApi.PostResultsAsync(client, agent, batch)).EnsureSuccessStatusCode();
        await Get<AlertEvaluator>().EvaluateAsync();

        await Get<AlertDelivery>().DeliverDueAsync();

        var held = await MessageAsync();
        Assert.Equal((AlertMessageRecord.Held, 1), (held.Status, held.Attempts));
        Assert.StartsWith("login impossible: ", held.LastError);
        // Held: later deliveries leave it alone, however long it waits.
        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await Get<AlertDelivery>().DeliverDueAsync());
        Assert.Equal(1, (await MessageAsync()).Attempts);
        var failed = Assert.Single(await Get<AlertHistory>().UndeliveredAsync(needsPersonOnly: true));
        Assert.Equal(held.Id, failed.MessageId);

        await SaveSmtpAsync(null, null);
        var resend = await Get<AlertDelivery>().ResendAsync([held.Id]);
        Assert.Equal([held.Id], resend.Queued);
        Assert.Equal(1, await Get<AlertDelivery>().DeliverDueAsync());

        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, MailTimeout));
        Assert.StartsWith("[Shopping Connectivity] BROKEN:", mail.Subject);
        Assert.Equal((AlertMessageRecord.Sent, 2), ((await MessageAsync()).Status, (await MessageAsync()).Attempts));
        Assert.Empty(await Get<AlertHistory>().UndeliveredAsync());
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }
}
