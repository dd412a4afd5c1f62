using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>The smtp kind against aiosmtpd and the pop3 kind against Dovecot, each also against the other's server.</summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class MailProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Smtp_Aiosmtpd_IsReachableWithGreetingAndCapabilities()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Smtp, smtp.Address, smtp.Port, targetHost: "smtp01.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.Matches("^SMTP greeting '220 .*Python SMTP", finding.Detail);
        Assert.Contains("EHLO capabilities: ", finding.Detail);
        Assert.Contains("EightBitMime", finding.Detail);
        Assert.NotNull(finding.LatencyMs);
    }

    [Fact]
    public async Task Smtp_Pop3ServerOnPort_IsProtocolErrorQuotingIt()
    {
        var pop3 = servers.Pop3;

        var finding = await RunAsync(Probe(ProbeKinds.Smtp, pop3.Address, pop3.Port, targetHost: "smtp01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains($"Port {pop3.Port} of smtp01.lab (127.0.0.1) answered, but not with SMTP: got '+OK Dovecot", finding.Detail);
    }

    [Fact]
    public async Task Pop3_Dovecot_IsReachableWithGreeting()
    {
        var pop3 = servers.Pop3;

        var finding = await RunAsync(Probe(ProbeKinds.Pop3, pop3.Address, pop3.Port, targetHost: "pop01.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.StartsWith("POP3 greeting '+OK Dovecot", finding.Detail);
        Assert.Contains("capabilities: ", finding.Detail);
        Assert.Contains("UIDL", finding.Detail);
    }

    [Fact]
    public async Task Pop3_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Pop3, smtp.Address, smtp.Port, targetHost: "pop01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains($"Port {smtp.Port} of pop01.lab (127.0.0.1) answered, but not with POP3: got '220 ", finding.Detail);
    }

    [Fact]
    public async Task Smtp_SilentHttpServerOnPort_IsProtocolErrorAfterTimeout()
    {
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Smtp, http.Address, http.Port, timeoutMs: 1000));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("accepted the connection, but sent no SMTP answer within 1,000 ms", finding.Detail);
    }
}
