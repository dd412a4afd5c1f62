using System.Net;
using System.Net.Sockets;
using System.Text;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Processes;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>The http and https kinds against Python's http.server and OpenSSL's s_server on loopback.</summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class HttpProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Http_StatusExpected_IsReachableNamingIt()
    {
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Http, http.Address, http.Port, targetHost: "shop-web01.lab", httpPath: "/", expectStatus: "200-399,401,403"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.StartsWith($"HTTP 200 OK from Port {http.Port} of shop-web01.lab (127.0.0.1) to GET /", finding.Detail);
        Assert.Contains("(server SimpleHTTP/", finding.Detail);
        Assert.NotNull(finding.LatencyMs);
    }

    [Fact]
    public async Task Http_UnexpectedStatus_IsProtocolErrorNamingTheStatus()
    {
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Http, http.Address, http.Port, targetHost: "shop-web01.lab", httpPath: "/shopping", expectStatus: "200-399,401,403"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("answered HTTP 404 File not found to GET /shopping, expected 200-399,401,403.", finding.Detail);
    }

    [Fact]
    public async Task Http_SendsTargetHostAndPortAsHostHeader_AndDoesNotFollowRedirects()
    {
        // A listener that records the request proves the Host header; the 302 must be judged, not followed.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var request = AnswerOnceAsync(listener, "HTTP/1.1 302 Found\r\nLocation: http://elsewhere.invalid/login\r\nContent-Length: 0\r\n\r\n");

        var finding = await RunAsync(Probe(ProbeKinds.Http, "127.0.0.1", port, targetHost: "shop-web01.lab", httpPath: "/shopping", expectStatus: "200-399"));

        var text = await request;
        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.StartsWith("GET /shopping HTTP/1.1\r\n", text);
        Assert.Contains($"Host: shop-web01.lab:{port}\r\n", text);
        Assert.Contains("HTTP 302 Found", finding.Detail);
    }

    [Fact]
    public async Task Http_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Http, smtp.Address, smtp.Port, targetHost: "shop-web01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains($"Port {smtp.Port} of shop-web01.lab (127.0.0.1) answered, but not with HTTP: got '220 ", finding.Detail);
    }

    [Fact]
    public async Task Http_ClosedPort_IsRefusedThroughTheSameConnector()
    {
        var port = LoopbackPorts.Free();

        var finding = await RunAsync(Probe(ProbeKinds.Http, "127.0.0.1", port));

        Assert.Equal(ProbeOutcome.Refused, finding.Outcome);
        Assert.Contains($"127.0.0.1:{port}", finding.Detail);
    }

    [Fact]
    public async Task Http_UnknownName_IsDnsFailed()
    {
        var finding = await RunAsync(Probe(ProbeKinds.Http, "no-such-host.invalid", 80));

        Assert.Equal(ProbeOutcome.DnsFailed, finding.Outcome);
        Assert.Contains("no-such-host.invalid", finding.Detail);
    }

    [Fact]
    public async Task Http_BadExpectStatus_IsErrorNamingFieldAndFlow()
    {
        var finding = await RunAsync(Probe(ProbeKinds.Http, "127.0.0.1", 80, expectStatus: "200-abc"));

        Assert.Equal(ProbeOutcome.Error, finding.Outcome);
        Assert.Contains("Flow flow-http: ExpectStatus '200-abc'", finding.Detail);
        Assert.Contains("bad part '200-abc'", finding.Detail);
    }

    [Fact]
    public async Task Https_OpenSslServer_IsReachableWithCertificate()
    {
        var https = servers.Https;

        var finding = await RunAsync(Probe(ProbeKinds.Https, https.Address, https.Port, targetHost: "shop-web01.lab", httpPath: "/", expectStatus: "200-399"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.False(finding.Degraded);
        Assert.StartsWith($"HTTP 200 ok from Port {https.Port} of shop-web01.lab (127.0.0.1) to GET /.", finding.Detail);
        Assert.Contains("certificate CN=shop-web01.lab issued by CN=shop-web01.lab", finding.Detail);
        Assert.Contains("days left", finding.Detail);
    }

    [Fact]
    public async Task Https_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Https, smtp.Address, smtp.Port, targetHost: "shop-web01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("answered, but not with TLS: got '220 ", finding.Detail);
    }

    [Fact]
    public async Task Https_PlainHttpServerOnPort_IsProtocolError()
    {
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Https, http.Address, http.Port, timeoutMs: 1500));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("TLS", finding.Detail);
    }

    [Theory]
    [InlineData("200-399,401,403", 302, true)]
    [InlineData("200-399,401,403", 401, true)]
    [InlineData("200-399,401,403", 404, false)]
    [InlineData(" 200 , 204-206 ", 205, true)]
    [InlineData(null, 399, true)]
    [InlineData(null, 400, false)]
    public void StatusRanges_Parse_Contains(string? text, int status, bool expected)
    {
        Assert.True(StatusRanges.TryParse(text, HttpProbe.DefaultExpect, out var ranges, out var error), error);
        Assert.Equal(expected, ranges.Contains(status));
    }

    [Theory]
    [InlineData("600")]
    [InlineData("399-200")]
    [InlineData("200,")]
    [InlineData("2xx")]
    public void StatusRanges_Invalid_FailsNamingThePart(string text)
    {
        Assert.False(StatusRanges.TryParse(text, HttpProbe.DefaultExpect, out _, out var error));
        Assert.Contains($"ExpectStatus '{text}'", error);
    }

    private static async Task<string> AnswerOnceAsync(TcpListener listener, string response)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        var text = new StringBuilder();
        while (!text.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0) break;
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return text.ToString();
    }
}
