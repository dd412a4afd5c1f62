using System.Buffers.Binary;
using System.Net.Sockets;
using ShoppingConnectivity.Agent.Probes.DceRpc;
using ShoppingConnectivity.Agent.Tests.Probes.DceRpc;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>
/// An endpoint mapper that answers from Samba's captured replies, for what the real one here cannot be made to do:
/// refuse the enumeration outright (as some hardened servers do), or name no TCP endpoint at all. Each request PDU gets
/// the captured reply for its call, its call id set to the request's; <see cref="EmptyReply"/> where nothing is captured.
/// </summary>
public sealed class ReplayEndpointMapper : LoopbackResponder
{
    private static readonly Guid Samr = new("12345778-1234-abcd-ef00-0123456789ac");
    private static readonly Guid Winreg = new("338cd001-2244-31f1-aaaa-900038001003");

    private readonly bool _mapAnswers;
    private readonly List<ushort> _opnums = [];

    /// <param name="mapAnswers">ept_map answers as Samba did for samr and winreg; false: every call ept_s_not_registered.</param>
    public ReplayEndpointMapper(bool mapAnswers)
    {
        _mapAnswers = mapAnswers;
        Start();
    }

    /// <summary>The operations asked, in order (2 ept_lookup, 3 ept_map).</summary>
    public IReadOnlyList<ushort> Opnums
    {
        get { lock (_opnums) return [.. _opnums]; }
    }

    protected override async Task AnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (type, _, callId, body) = await DceRpcPdu.ReadAsync(stream, cancellationToken);
            byte[] reply;
            if (type == DceRpcPdu.Bind)
            {
                reply = Captured.Bytes("bind_ack");
            }
            else
            {
                var opnum = BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(6));
                lock (_opnums) _opnums.Add(opnum);
                reply = opnum == 3 && _mapAnswers ? MapReply(new Guid(body.AsSpan(8 + 20 + 12 + 2 + 2 + 1, 16))) : EmptyReply();
            }

            BinaryPrimitives.WriteUInt32LittleEndian(reply.AsSpan(12), callId);
            await stream.WriteAsync(reply, cancellationToken);
        }
    }

    /// <summary>What Samba answered ept_map for the interface in the request's tower (its first floor's UUID).</summary>
    private static byte[] MapReply(Guid @interface) =>
        @interface == Samr ? Captured.Bytes("ept_map_samr")
        : @interface == Winreg ? Captured.Bytes("ept_map_winreg")
        : Captured.Bytes("ept_map_netlogon"); // ept_s_not_registered

    /// <summary>A response with no entries (lookup and map replies have the same shape then) and ept_s_not_registered.</summary>
    public static byte[] EmptyReply()
    {
        var stub = new byte[20 + 16 + 4];
        BinaryPrimitives.WriteUInt32LittleEndian(stub.AsSpan(24), 4); // max_count
        BinaryPrimitives.WriteUInt32LittleEndian(stub.AsSpan(36), EndpointMapper.NotRegistered);
        var pdu = new byte[24 + stub.Length];
        DceRpcPdu.Header(pdu, DceRpcPdu.Response, pdu.Length, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(pdu.AsSpan(16), (uint)stub.Length);
        stub.CopyTo(pdu, 24);
        return pdu;
    }
}
