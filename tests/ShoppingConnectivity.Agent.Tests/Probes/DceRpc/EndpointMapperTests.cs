using System.Net;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Probes.DceRpc;

namespace ShoppingConnectivity.Agent.Tests.Probes.DceRpc;

public sealed class EndpointMapperTests
{
    private static readonly Guid Samr = new("12345778-1234-abcd-ef00-0123456789ac");
    private static readonly Guid Winreg = new("338cd001-2244-31f1-aaaa-900038001003");

    [Fact]
    public void Requests_ByteForByte_AreWhatSambaAnswered()
    {
        // Written independently (Python struct) and sent to the server the captures come from.
        Assert.Equal("05000b03100000004800000001000000b810b8100000000001000000000001000883afe11f5dc91191a408002b14a0fa03000000045d888aeb1cc9119fe808002b10486002000000",
            Convert.ToHexStringLower(EndpointMapper.Bind()));
        Assert.Equal("05000003100000004000000002000000280000000000020000000000000000000000000001000000000000000000000000000000000000000000000040000000",
            Convert.ToHexStringLower(EndpointMapper.LookupRequest(2, 64)));
        Assert.Equal("05000003100000009c0000000300000084000000000003000100000000000000000000000000000000000000020000004b0000004b000000050013000d785734123412cdabef000123456789ac01000200000013000d045d888aeb1cc9119fe808002b10486002000200000001000b020000000100070200000001000904000000000000000000000000000000000000000000000000000004000000",
            Convert.ToHexStringLower(EndpointMapper.MapRequest(3, Samr, 1, 0)));
    }

    [Fact]
    public async Task JudgeBind_SambaBindAck_AcceptedWithSecondaryAddress135()
    {
        var (type, _, callId, body) = await DceRpcPdu.ReadAsync(Captured.Stream("bind_ack"), CancellationToken.None);

        Assert.Equal((DceRpcPdu.BindAck, 1u), (type, callId));
        Assert.Equal("135", EndpointMapper.JudgeBind(type, body));
    }

    [Fact]
    public async Task ParseLookup_SambaReplyInTwoFragments_EveryEntryWithItsTcpPorts()
    {
        var (stub, fault) = await DceRpcPdu.ReadResponseAsync(Captured.Stream("ept_lookup"), 2, CancellationToken.None);

        var reply = EndpointMapper.ParseLookup(stub!);

        Assert.Equal(0u, fault);
        // Samba gives all 38 entries at once with the status that ends an enumeration (impacket's rpcdump reads that
        // status as a refusal and shows none): the entries count, whatever the status.
        Assert.Equal(38, reply.Towers.Count);
        Assert.Equal(EndpointMapper.NotRegistered, reply.Status);
        Assert.Equal([135, 49152, 49153, 49154], reply.Towers.Where(t => t.IsTcp).Select(t => t.Port!.Value).Distinct().Order());
        Assert.Contains(reply.Towers, t => t is { Interface: var i, Protocol: "ncacn_ip_tcp", Port: 49153 } && i == Winreg);
        Assert.Contains(reply.Towers, t => t.Protocol == "ncacn_np");
        Assert.Contains(reply.Towers, t => t.Protocol == "ncacn_http");
        Assert.All(reply.Towers.Where(t => t.IsTcp), t => Assert.Equal(IPAddress.Parse("127.0.0.136"), t.Address));
    }

    [Theory]
    [InlineData("ept_map_samr", 3u, "12345778-1234-abcd-ef00-0123456789ac", 49154)]
    [InlineData("ept_map_winreg", 5u, "338cd001-2244-31f1-aaaa-900038001003", 49153)]
    public async Task ParseMap_SambaReply_TheInterfacesTcpPort(string capture, uint callId, string @interface, int port)
    {
        var (stub, _) = await DceRpcPdu.ReadResponseAsync(Captured.Stream(capture), callId, CancellationToken.None);

        var reply = EndpointMapper.ParseMap(stub!);

        Assert.Equal(0u, reply.Status);
        var tower = Assert.Single(reply.Towers);
        Assert.Equal((new Guid(@interface), "ncacn_ip_tcp", port, IPAddress.Parse("127.0.0.136")), (tower.Interface, tower.Protocol, tower.Port!.Value, tower.Address!));
    }

    [Fact]
    public async Task ParseMap_InterfaceNotRegistered_NoTowerAndTheStatusNamed()
    {
        var (stub, _) = await DceRpcPdu.ReadResponseAsync(Captured.Stream("ept_map_netlogon"), 4, CancellationToken.None);

        var reply = EndpointMapper.ParseMap(stub!);

        Assert.Empty(reply.Towers);
        Assert.Equal("ept_s_not_registered", reply.StatusText);
    }

    [Fact]
    public async Task ReadResponse_FaultPdu_NoStubAndTheFaultStatus()
    {
        var (stub, fault) = await DceRpcPdu.ReadResponseAsync(Captured.Stream("fault"), 10, CancellationToken.None);

        Assert.Null(stub);
        Assert.Equal("nca_s_op_rng_error (operation not supported)", EndpointMapper.StatusName(fault));
    }

    [Fact]
    public async Task ReadResponse_AnswerToAnotherCall_IsAProtocolMismatch()
    {
        await Assert.ThrowsAsync<ProtocolMismatchException>(() => DceRpcPdu.ReadResponseAsync(Captured.Stream("ept_map_samr"), 9, CancellationToken.None));
    }

    [Fact]
    public async Task ParseLookup_TruncatedAnywhere_IsAProtocolMismatchNeverACrash()
    {
        var (stub, _) = await DceRpcPdu.ReadResponseAsync(Captured.Stream("ept_lookup"), 2, CancellationToken.None);

        for (var length = 0; length < stub!.Length - 4; length += 7)
        {
            var cut = stub[..length];
            Assert.Throws<ProtocolMismatchException>(() => EndpointMapper.ParseLookup(cut));
        }
    }

    [Fact]
    public void ParseMap_CountLargerThanTheReply_IsAProtocolMismatch()
    {
        var stub = new byte[40];
        BitConverter.TryWriteBytes(stub.AsSpan(20), 0x7fffffff);

        Assert.Throws<ProtocolMismatchException>(() => EndpointMapper.ParseMap(stub));
    }

    [Fact]
    public void RpcTowerForTcp_ParsedBack_IsTheInterfaceOnTcp()
    {
        var tower = RpcTower.Parse(RpcTower.ForTcp(Winreg, 1, 0));

        Assert.Equal(new RpcTower(Winreg, 1, 0, "ncacn_ip_tcp", 0, IPAddress.Any), tower);
        Assert.False(tower.IsTcp); // port 0: a question, not an endpoint
    }
}
