using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Tests.Alerts;

/// <summary>
/// The alert mail of an estate with both kinds of port override (websiteHttp 18081 estate-wide, sql02 on 14330), read
/// back from a real SMTP server: subject and body name the ports the agents probe, so the firewall team opens those.
/// </summary>
public sealed class AlertMailPortsTests : IDisposable
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(30);

    private readonly SmtpServer _smtp = SmtpServer.Start();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CentralFactory _factory;

    public AlertMailPortsTests() => _factory = new(new Dictionary<string, string?>
    {
        ["Central:Alerts:GroupingSeconds"] = "0",
        ["Central:Alerts:EvaluateSeconds"] = "3600",
        ["Central:Alerts:DeliverySeconds"] = "3600",
        ["Central:Alerts:Recipients:Default:0"] = "ops@contoso.example",
    }, TestEstates.PortOverridesJson, clock: _clock);

    [Fact]
    public async Task Mail_HostWithItsOwnPortBreaks_SubjectAndBodyNameThePortsProbed()
    {
        var client = _factory.CreateClient();
        Assert.Empty(await _factory.Services.GetRequiredService<SmtpSettingsStore>()
            .SaveAsync(new SmtpSettingsInput("127.0.0.1", _smtp.Port, SmtpSecurity.None, null, null, false, "alerts@contoso.example")));
        var web01 = await AgentApi.EnrolAsync(client, "web01");
        var pc01 = await AgentApi.EnrolAsync(client, "pc01", ["Client"]);
        var now = _clock.GetUtcNow();
        var sql = Enumerable.Range(1, 3).SelectMany(i => new[]
        {
            AgentApi.Result("website-shoppingdb-sql/sql01/1433", ProbeOutcome.Reachable, now.AddSeconds(-i)),
            AgentApi.Result("website-shoppingdb-sql/sql02/14330", ProbeOutcome.TimedOut, now.AddSeconds(-i)),
        }).ToList();
        (await AgentApi.PostResultsAsync(client, web01, new ResultBatch(Guid.NewGuid(), sql))).EnsureSuccessStatusCode();
        var website = Enumerable.Range(1, 3).Select(i => AgentApi.Result("client-website-http/web01/18081", ProbeOutcome.Refused, now.AddSeconds(-i))).ToList();
        (await AgentApi.PostResultsAsync(client, pc01, new ResultBatch(Guid.NewGuid(), website))).EnsureSuccessStatusCode();

        await _factory.Services.GetRequiredService<AlertEvaluator>().EvaluateAsync();
        await _factory.Services.GetRequiredService<AlertDelivery>().DeliverDueAsync();
        // Both edges broke in the same evaluation: one digest mail names both.
        var mail = Assert.Single(await _smtp.WaitForMessagesAsync(1, MailTimeout, () => ""));

        Assert.Equal("[Shopping Connectivity] 2 broken: Client \u2192 Shopping Website TCP 18081; "
            + "Shopping Website \u2192 Shopping DB (SQL Server) TCP 1433 (sql02: 14330)", mail.Subject);
        Assert.Contains("BROKEN: Shopping Website \u2192 Shopping DB (SQL Server) TCP 1433 (sql02: 14330)\n", mail.TextBody);
        Assert.Contains("web01 \u2192 sql02:14330 TimedOut since", mail.TextBody);
        Assert.Contains("BROKEN: Client \u2192 Shopping Website TCP 18081\n", mail.TextBody);
        Assert.Contains("pc01 \u2192 web01:18081 Refused since", mail.TextBody);
        Assert.Contains("TCP 1433 (sql02: 14330)", mail.HtmlBody);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }
}
