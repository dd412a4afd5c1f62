using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>
/// The rpc kind against Samba's endpoint mapper (samba-dcerpcd + rpcd_epmapper, on 127.0.0.135:135: the port is fixed,
/// so this needs root) and the smb kind against Samba's smbd on a high port.
/// </summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class WindowsProtocolProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Rpc_SambaEndpointMapper_IsReachable()
    {
        var epmapper = servers.EndpointMapper;

        var finding = await RunAsync(Probe(ProbeKinds.Rpc, epmapper.Address, epmapper.Port, targetHost: "sms01.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.Equal("The DCE/RPC endpoint mapper accepted the bind (bind_ack, secondary address 135).", finding.Detail);
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
