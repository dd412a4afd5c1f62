using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Outcomes;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>The tls kind against slapd's ldaps:// with certificates the tests make (valid, near expiry, expired).</summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class TlsProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Tls_LdapsWithValidCertificate_IsReachableNotDegraded()
    {
        var slapd = servers.LdapsValid;

        var finding = await RunAsync(Probe(ProbeKinds.Tls, slapd.Address, slapd.SecurePort, targetHost: "dc01.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.False(finding.Degraded);
        Assert.Contains("certificate CN=dc01.lab issued by CN=dc01.lab", finding.Detail);
        Assert.Matches(@"expires \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(8\d days left\)", finding.Detail);
        Assert.Contains("not trusted by this machine", finding.Detail); // self-signed: reported, not fatal
    }

    [Fact]
    public async Task Tls_CertificateExpiringWithinWarningDays_IsReachableAndDegraded()
    {
        var slapd = servers.LdapsNearExpiry;

        var finding = await RunAsync(Probe(ProbeKinds.Tls, slapd.Address, slapd.SecurePort, targetHost: "dc02.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.True(finding.Degraded);
        Assert.Contains("CN=dc02.lab", finding.Detail);
        Assert.Contains("(5 days left, within the 14-day warning: renew it soon)", finding.Detail);
        // Central reads the expiry back out of the detail to name the cause on the diagram: the two must agree.
        Assert.Matches("^certificate expires in [45] days$", DegradedCause.Of(finding.Detail, DateTimeOffset.UtcNow).Text);
    }

    [Fact]
    public async Task Tls_WarningDaysBelowDaysLeft_IsNotDegraded()
    {
        var slapd = servers.LdapsNearExpiry;
        await using var services = Build(certificateWarningDays: 3);
        var runner = services.GetRequiredService<ProbeRunner>();

        var finding = await runner.RunAsync(Probe(ProbeKinds.Tls, slapd.Address, slapd.SecurePort, targetHost: "dc02.lab"), CancellationToken.None);

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.False(finding.Degraded);
        Assert.Contains("(5 days left)", finding.Detail);
    }

    [Fact]
    public async Task Tls_ExpiredCertificate_IsReachableDegradedAndSaysExpired()
    {
        var slapd = servers.LdapsExpired;

        var finding = await RunAsync(Probe(ProbeKinds.Tls, slapd.Address, slapd.SecurePort, targetHost: "dc03.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.True(finding.Degraded);
        Assert.Contains("CN=dc03.lab", finding.Detail);
        Assert.Contains("(3 days ago): renew it", finding.Detail);
        Assert.Contains("EXPIRED on", finding.Detail);
        Assert.Matches("^certificate expired [234] days ago$", DegradedCause.Of(finding.Detail, DateTimeOffset.UtcNow).Text);
    }

    [Fact]
    public async Task Tls_PlainLdapPort_IsProtocolError()
    {
        // slapd's plain port reads the ClientHello as a broken LDAP message and hangs up.
        var slapd = servers.LdapsValid;

        var finding = await RunAsync(Probe(ProbeKinds.Tls, slapd.Address, slapd.Port, timeoutMs: 1500, targetHost: "dc01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("TLS", finding.Detail);
        Assert.StartsWith($"Port {slapd.Port} of dc01.lab", finding.Detail);
    }

    [Fact]
    public async Task Tls_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Tls, smtp.Address, smtp.Port, targetHost: "dc01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("answered, but not with TLS: got '220 ", finding.Detail);
    }
}
