using System.Net;
using System.Net.Sockets;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>Real sockets on loopback only. Firewall-made outcomes (DROP, REJECT, no route) are proven in namespaces by #3's tests.</summary>
public sealed class TcpProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Connect_ToListeningPort_IsReachableWithLatency()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var finding = await TcpProbe.ConnectAsync("127.0.0.1", port, Timeout, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.NotNull(finding.LatencyMs);
        Assert.InRange(finding.LatencyMs!.Value, 0, Timeout.TotalMilliseconds);
    }

    [Fact]
    public async Task Connect_ToClosedPort_IsRefused()
    {
        var port = ClosedPort();

        var finding = await TcpProbe.ConnectAsync("127.0.0.1", port, Timeout, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Refused, finding.Outcome);
        Assert.Null(finding.LatencyMs);
        Assert.Contains($"127.0.0.1:{port}", finding.Detail);
    }

    [Fact]
    public async Task Connect_ToUnresolvableName_IsDnsFailed()
    {
        // .invalid never resolves (RFC 2606); the lookup stays on this machine's resolver.
        var finding = await TcpProbe.ConnectAsync("no-such-host.invalid", 80, Timeout, CancellationToken.None);

        Assert.Equal(ProbeOutcome.DnsFailed, finding.Outcome);
        Assert.Contains("no-such-host.invalid", finding.Detail);
    }

    [Fact]
    public async Task Connect_WhenListenerQueueIsFull_TimesOut()
    {
        // A loopback listener that never accepts, with its queue full: the kernel drops further SYNs, as a DROP rule would.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try { filler.Connect(endpoint); } catch (SocketException) { }
                fillers.Add(filler);
            }

            await Task.Delay(200);
            var finding = await TcpProbe.ConnectAsync("127.0.0.1", endpoint.Port, TimeSpan.FromMilliseconds(700), CancellationToken.None);

            Assert.Equal(ProbeOutcome.TimedOut, finding.Outcome);
            Assert.Contains("700 ms", finding.Detail);
        }
        finally
        {
            fillers.ForEach(f => f.Dispose());
        }
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, ProbeOutcome.Refused)]
    [InlineData(SocketError.ConnectionReset, ProbeOutcome.Refused)]
    [InlineData(SocketError.TimedOut, ProbeOutcome.TimedOut)]
    [InlineData(SocketError.HostNotFound, ProbeOutcome.DnsFailed)]
    [InlineData(SocketError.TryAgain, ProbeOutcome.DnsFailed)]
    [InlineData(SocketError.NetworkUnreachable, ProbeOutcome.Unreachable)]
    [InlineData(SocketError.HostUnreachable, ProbeOutcome.Unreachable)]
    [InlineData(SocketError.AccessDenied, ProbeOutcome.Error)]
    public void Classifier_SocketError_MapsToOutcome(SocketError error, ProbeOutcome expected) =>
        Assert.Equal(expected, OutcomeClassifier.FromSocketError(error));

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
