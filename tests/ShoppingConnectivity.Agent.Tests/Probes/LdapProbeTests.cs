using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Processes;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>The ldap kind against a real slapd on loopback, and against services that are not LDAP.</summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class LdapProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Ldap_Slapd_IsReachableNamingTheDirectory()
    {
        var slapd = servers.Slapd;

        var finding = await RunAsync(Probe(ProbeKinds.Ldap, slapd.Address, slapd.Port, targetHost: "dc01.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.Contains("rootDSE", finding.Detail);
        Assert.Contains("namingContexts dc=lab,dc=test", finding.Detail);
        Assert.Contains("supportedLDAPVersion 3", finding.Detail);
        Assert.NotNull(finding.LatencyMs);
        Assert.False(finding.Degraded);
    }

    [Fact]
    public async Task Ldap_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Ldap, smtp.Address, smtp.Port, targetHost: "dc01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains($"Port {smtp.Port} of dc01.lab (127.0.0.1) answered, but not with LDAP: got '220 ", finding.Detail);
    }

    [Fact]
    public async Task Ldap_SilentHttpServerOnPort_IsProtocolErrorAfterTimeout()
    {
        // http.server waits for a request line; the LDAP bind has no line end, so it never answers.
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Ldap, http.Address, http.Port, timeoutMs: 1000));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("accepted the connection, but sent no LDAP answer within 1,000 ms", finding.Detail);
    }

    [Fact]
    public async Task Ldap_ClosedPort_IsRefusedLikeTcp()
    {
        var finding = await RunAsync(Probe(ProbeKinds.Ldap, "127.0.0.1", LoopbackPorts.Free()));

        Assert.Equal(ProbeOutcome.Refused, finding.Outcome);
    }
}
