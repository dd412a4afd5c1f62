using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Processes;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>
/// The tachyon kind: discovery from a Website (http.server serving the discovery answer), then the agent URL it names;
/// and the fallback to the configured loopback port when discovery cannot answer.
/// </summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class TachyonProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Tachyon_WebsiteNamesAgentUrl_ProbesThatUrl()
    {
        var http = servers.Http;
        var discovery = $"http://{http.Address}:{http.Port}{LoopbackServers.DiscoveryPath}";
        var closedPort = LoopbackPorts.Free(); // the configured port is closed: only the discovered URL can answer

        var finding = await RunAsync(Probe(ProbeKinds.Tachyon, "127.0.0.1", closedPort, discoveryUrl: discovery));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.StartsWith($"The Website names the Tachyon agent at http://127.0.0.1:{http.Port}/: HTTP 200 OK", finding.Detail);
    }

    [Fact]
    public async Task Tachyon_NoDiscoveryUrl_ProbesConfiguredPortAndSaysWhy()
    {
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Tachyon, "127.0.0.1", http.Port, discoveryUrl: null));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.StartsWith($"Discovery failed (no Website host in the estate to ask: the plan has no discovery URL); probed the configured port http://127.0.0.1:{http.Port}/: HTTP 200 OK", finding.Detail);
    }

    [Fact]
    public async Task Tachyon_DiscoveryRefused_FallsBackAndSaysWhy()
    {
        var http = servers.Http;
        var deadWebsite = LoopbackPorts.Free();

        var finding = await RunAsync(Probe(ProbeKinds.Tachyon, "127.0.0.1", http.Port, discoveryUrl: $"http://127.0.0.1:{deadWebsite}/Shopping/GetTachyonAgentUrl"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.StartsWith($"Discovery failed (http://127.0.0.1:{deadWebsite}/Shopping/GetTachyonAgentUrl: Refused:", finding.Detail);
        Assert.Contains($"probed the configured port http://127.0.0.1:{http.Port}/", finding.Detail);
    }

    [Fact]
    public async Task Tachyon_DiscoveryAnswersWithoutUrl_FallsBackAndSaysWhy()
    {
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Tachyon, "127.0.0.1", http.Port, discoveryUrl: $"http://127.0.0.1:{http.Port}/index.html"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.Contains("without an http(s) URL in its body: '<html><body>test site</body></html>'", finding.Detail);
    }

    [Fact]
    public async Task Tachyon_AgentDown_IsRefusedNamingTheDiscoveredUrl()
    {
        var closedPort = LoopbackPorts.Free();

        var finding = await RunAsync(Probe(ProbeKinds.Tachyon, "127.0.0.1", closedPort, discoveryUrl: null));

        Assert.Equal(ProbeOutcome.Refused, finding.Outcome);
        Assert.StartsWith($"Discovery failed (no Website host in the estate to ask: the plan has no discovery URL); probed the configured port http://127.0.0.1:{closedPort}/: ", finding.Detail);
    }

    [Fact]
    public async Task Tachyon_SmtpServerOnAgentPort_IsProtocolError()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Tachyon, "127.0.0.1", smtp.Port, discoveryUrl: null));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("answered, but not with HTTP: got '220 ", finding.Detail);
    }

    [Theory]
    [InlineData("\"http://localhost:4000/\"", "http://localhost:4000/")]
    [InlineData("{\"TachyonAgentUrl\":\"http://127.0.0.1:4000/agent\"}", "http://127.0.0.1:4000/agent")]
    [InlineData("{\"name\":\"see http://wrong:1/\",\"agentUrl\":\"https://127.0.0.1:4001/\"}", "https://127.0.0.1:4001/")]
    [InlineData("{\"d\":{\"value\":\"http://localhost:4002/\"}}", "http://localhost:4002/")]
    [InlineData("http://localhost:4003/\r\n", "http://localhost:4003/")]
    [InlineData("<string xmlns=\"http://schemas.microsoft.com/2003/10/Serialization/\">http://localhost:4004/</string>", "http://localhost:4004/")]
    public void FindUrl_LenientAboutTheBody_TakesTheFirstUrl(string body, string expected) =>
        Assert.Equal(new Uri(expected), TachyonProbe.FindUrl(body));

    [Theory]
    [InlineData("")]
    [InlineData("{\"url\":null}")]
    [InlineData("no url here")]
    [InlineData("ftp://localhost:4000/")]
    public void FindUrl_NoHttpUrl_IsNull(string body) => Assert.Null(TachyonProbe.FindUrl(body));
}
