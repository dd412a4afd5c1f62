using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>
/// The rpc kind against Samba's endpoint mapper (samba-dcerpcd + rpcd_epmapper, on 127.0.0.135:135: the port is fixed,
/// so this needs root; its dynamic ports in 49152-49160) and the smb kind against Samba's smbd on a high port.
/// </summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class WindowsProtocolProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Rpc_SambaEndpointMapper_ReachesTheDynamicPortsItNames()
    {
        var epmapper = servers.EndpointMapper;
        var listening = DynamicPortsListening(epmapper.Address);

        var finding = await RunAsync(Probe(ProbeKinds.Rpc, epmapper.Address, epmapper.Port, targetHost: "sms01.lab"));

        Assert.True(finding.Outcome == ProbeOutcome.Reachable, finding.Detail);
        Assert.False(finding.Degraded, finding.Detail);
        // What the probe named is what samba-dcerpcd really listens on (ss), not what the parser imagined.
        Assert.Equal($"The endpoint mapper on 135 accepted the bind and named {Named(finding.Detail)} TCP endpoints (ept_lookup: {Ports(listening)}); dynamic RPC {Ports(listening)} reached.",
            finding.Detail);
    }

    [Fact]
    public async Task RpcEptMapOnly_SambaEndpointMapper_NamesTheSamePortsAsTheLookup()
    {
        var epmapper = servers.EndpointMapper;
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(epmapper.Address, epmapper.Port);

        var endpoints = await RpcProbe.AskAsync(client.GetStream(), 135, enumerate: false, CancellationToken.None);

        Assert.Equal("ept_map", endpoints.Call);
        // samr and lsarpc share rpcd_lsad's port, winreg has rpcd_winreg's; netlogon and eventlog are not registered.
        Assert.Subset(DynamicPortsListening(epmapper.Address).ToHashSet(), endpoints.Ports.ToHashSet());
        Assert.Equal(2, endpoints.Ports.Count);
    }

    /// <summary>A server that refuses the enumeration outright: the probe asks ept_map for the well-known interfaces.</summary>
    [Fact]
    public async Task Rpc_LookupRefused_AsksEptMapAndTriesThePortsItNames()
    {
        using var epmapper = new ReplayEndpointMapper(mapAnswers: true);

        var finding = await RunAsync(Probe(ProbeKinds.Rpc, "127.0.0.1", epmapper.Port, targetHost: "sms01.lab"));

        Assert.Equal([2, 3, 3, 3, 3, 3], epmapper.Opnums);
        // Samba's replies name 127.0.0.136:49153/49154; the probe tries them where the endpoint mapper answered, and
        // nothing listens on 127.0.0.1 there.
        Assert.True(finding.Outcome == ProbeOutcome.Refused, finding.Detail);
        Assert.StartsWith($"Port {epmapper.Port} of sms01.lab (127.0.0.1) answers, but the dynamic RPC port 49153 it named is refused (ConnectionRefused", finding.Detail);
        Assert.EndsWith($"Also tried: 49154 (Refused). The endpoint mapper on {epmapper.Port} accepted the bind and named 2 TCP endpoints (ept_map: ports 49153 and 49154).", finding.Detail);
    }

    [Fact]
    public async Task Rpc_EndpointMapperNamesNoTcpEndpoint_ProtocolErrorQuotingWhatItSaid()
    {
        using var epmapper = new ReplayEndpointMapper(mapAnswers: false);

        var finding = await RunAsync(Probe(ProbeKinds.Rpc, "127.0.0.1", epmapper.Port, targetHost: "sms01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Equal($"Port {epmapper.Port} of sms01.lab (127.0.0.1): the DCE/RPC endpoint mapper answered, but named no TCP endpoint (ept_lookup: ept_s_not_registered; " +
            "ept_map samr: ept_s_not_registered, lsarpc: ept_s_not_registered, netlogon: ept_s_not_registered, eventlog: ept_s_not_registered, winreg: ept_s_not_registered).",
            finding.Detail);
    }

    [Fact]
    public async Task Rpc_PortsOutsideTheEstatesRange_ReachableSayingTheEstateHasTheWrongRange()
    {
        var epmapper = servers.EndpointMapper;

        var finding = await RunAsync(Probe(ProbeKinds.Rpc, epmapper.Address, epmapper.Port, targetHost: "sms01.lab") with { RpcDynamicPorts = "50000-60000" });

        Assert.True(finding.Outcome == ProbeOutcome.Reachable, finding.Detail);
        Assert.EndsWith($"reached. The endpoint mapper named {Ports(DynamicPortsListening(epmapper.Address))} outside the estate's dynamic RPC range 50000-60000: " +
            "set the range this server really uses in the estate.", finding.Detail);
    }

    [Theory]
    [InlineData(new[] { 49667 }, new[] { 49667 })]
    [InlineData(new[] { 49669, 49664, 49669, 49665 }, new[] { 49664, 49665, 49669 })]
    [InlineData(new[] { 49664, 49665, 49666, 49667, 49668, 49700 }, new[] { 49664, 49667, 49700 })]
    public void RpcChoose_NamedPorts_AtMostThreeDistinctSpanningThem(int[] named, int[] tried) =>
        Assert.Equal(tried, RpcProbe.Choose(named));

    private static string Named(string detail) => detail.Split("named ")[1].Split(' ')[0];

    private static string Ports(IReadOnlyList<int> ports) => $"ports {string.Join(", ", ports.SkipLast(1))} and {ports[^1]}";

    private static List<int> DynamicPortsListening(string address)
    {
        var ss = ShoppingConnectivity.TestSupport.Lab.Commands.Run(["ss", "-Hltn", "src", address]);
        return ss.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => int.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3].Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture))
            .Where(port => port != 135).Order().ToList();
    }

    [Fact]
    public async Task Rpc_SmbServerOnPort_IsProtocolError()
    {
        var smbd = servers.Smbd;

        var finding = await RunAsync(Probe(ProbeKinds.Rpc, smbd.Address, smbd.Port, timeoutMs: 1500, targetHost: "sms01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("DCE/RPC", finding.Detail);
        Assert.StartsWith($"Port {smbd.Port} of sms01.lab", finding.Detail);
    }

    [Fact]
    public async Task Rpc_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Rpc, smtp.Address, smtp.Port, targetHost: "sms01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("answered, but not with DCE/RPC: got '220 ", finding.Detail);
    }

    [Fact]
    public async Task Smb_Smbd_IsReachableWithDialect()
    {
        var smbd = servers.Smbd;

        var finding = await RunAsync(Probe(ProbeKinds.Smb, smbd.Address, smbd.Port, targetHost: "sms01.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.StartsWith("An SMB server answered the negotiate: dialect SMB 3.0.2", finding.Detail);
    }

    [Fact]
    public async Task Smb_EndpointMapperOnPort_IsProtocolError()
    {
        var epmapper = servers.EndpointMapper;

        var finding = await RunAsync(Probe(ProbeKinds.Smb, epmapper.Address, epmapper.Port, timeoutMs: 1500, targetHost: "sms01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("SMB", finding.Detail);
    }

    [Fact]
    public async Task Smb_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Smb, smtp.Address, smtp.Port, targetHost: "sms01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("answered, but not with SMB: got '220 ", finding.Detail);
    }
}
