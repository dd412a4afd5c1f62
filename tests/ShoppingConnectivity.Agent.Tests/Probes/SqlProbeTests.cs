using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;
using static ShoppingConnectivity.Agent.Tests.Probes.ProbeKit;

namespace ShoppingConnectivity.Agent.Tests.Probes;

/// <summary>
/// The sql kind. SQL Server does not run on Debian, so the reachable case answers from <see cref="TdsPreLoginResponder"/>
/// (an in-test pre-login responder); the wrong-service cases use the real servers.
/// </summary>
[Collection(LoopbackServersCollection.Name)]
public sealed class SqlProbeTests(LoopbackServers servers)
{
    [Fact]
    public async Task Sql_TdsServer_IsReachableWithVersion_AndNeverLogsIn()
    {
        using var sql = new TdsPreLoginResponder(major: 16, minor: 0, build: 4135, encryption: 0x02);

        var finding = await RunAsync(Probe(ProbeKinds.Sql, "127.0.0.1", sql.Port, targetHost: "sql01.lab"));

        Assert.Equal(ProbeOutcome.Reachable, finding.Outcome);
        Assert.Equal("SQL Server 16.0.4135 (SQL Server 2022) answered the TDS pre-login (encryption not supported); no login attempted.", finding.Detail);
        await Eventually.HoldsAsync(() => sql.PacketTypes.Count > 0, TimeSpan.FromSeconds(2));
        Assert.Equal([(byte)0x12], sql.PacketTypes); // PRELOGIN only, never LOGIN7 (0x10)
    }

    [Fact]
    public async Task Sql_SmtpServerOnPort_IsProtocolErrorQuotingIt()
    {
        var smtp = servers.Smtp;

        var finding = await RunAsync(Probe(ProbeKinds.Sql, smtp.Address, smtp.Port, targetHost: "sql01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("answered, but not with SQL Server (TDS): got '220 ", finding.Detail);
    }

    [Fact]
    public async Task Sql_HttpServerOnPort_IsProtocolError()
    {
        var http = servers.Http;

        var finding = await RunAsync(Probe(ProbeKinds.Sql, http.Address, http.Port, timeoutMs: 1000, targetHost: "sql01.lab"));

        Assert.Equal(ProbeOutcome.ProtocolError, finding.Outcome);
        Assert.Contains("accepted the connection, but sent no SQL Server (TDS) answer within 1,000 ms", finding.Detail);
    }

    [Fact]
    public void PreLogin_Packet_FollowsTheTdsLayout()
    {
        var packet = SqlProbe.PreLogin();

        Assert.Equal(0x12, packet[0]); // PRELOGIN
        Assert.Equal(0x01, packet[1]); // end of message
        Assert.Equal(packet.Length, (packet[2] << 8) | packet[3]);
        Assert.Equal([0x00, 0x01, 0x02, 0x03, 0x04, 0xFF], new[] { packet[8], packet[13], packet[18], packet[23], packet[28], packet[33] });
    }

    [Fact]
    public void ParseResponse_TableThatDoesNotHoldTogether_IsProtocolMismatch()
    {
        byte[] payload = [0x00, 0x00, 0x40, 0x00, 0x06, 0xFF];

        Assert.Throws<ProtocolMismatchException>(() => SqlProbe.ParseResponse(payload));
    }
}
