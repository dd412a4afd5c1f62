using System.Buffers.Binary;
using System.Text;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The rpc kind (135, where WMI/DCOM starts): a DCE/RPC bind to the endpoint mapper interface
/// (e1af8308-5d1f-11c9-91a4-08002b14a0fa v3.0, NDR), expecting bind_ack with the context accepted. No call is made.
/// </summary>
public sealed class RpcProbe : IProbeKind
{
    private const byte PacketBind = 11, PacketBindAck = 12, PacketBindNak = 13;

    private static readonly Guid EndpointMapper = new("e1af8308-5d1f-11c9-91a4-08002b14a0fa");
    private static readonly Guid Ndr = new("8a885d04-1ceb-11c9-9fe8-08002b104860");

    public string Kind => ProbeKinds.Rpc;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ProbeExchange.RunAsync(probe, "DCE/RPC", async (stream, _, ct) =>
        {
            await stream.WriteAsync(Bind(), ct);
            var header = new byte[16];
            await stream.ReadExactlyAsync(header, ct);
            // Version 5.0, and the data representation byte saying little-endian (what we asked for) or big-endian.
            if (header[0] != 5 || header[1] != 0 || (header[4] & 0xEF) != 0) throw new ProtocolMismatchException();
            var fragment = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
            if (fragment is < 16 or > 8192) throw new ProtocolMismatchException("a DCE/RPC header with an impossible length");
            var body = new byte[fragment - 16];
            await stream.ReadExactlyAsync(body, ct);
            return new ExchangeResult(Judge(header[2], body));
        }, cancellationToken);

    /// <summary>A bind PDU (DCE 1.1 RPC, 12.6.4.3) with one presentation context: the endpoint mapper over NDR.</summary>
    public static byte[] Bind()
    {
        var pdu = new byte[72];
        var span = pdu.AsSpan();
        span[0] = 5; // rpc_vers
        span[1] = 0; // rpc_vers_minor
        span[2] = PacketBind;
        span[3] = 0x03; // first and last fragment
        span[4] = 0x10; // little-endian, ASCII, IEEE floats
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], (ushort)pdu.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 1); // call_id
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 4280); // max_xmit_frag
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 4280); // max_recv_frag
        span[24] = 1; // one context element
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], 0); // context id
        span[30] = 1; // one transfer syntax
        EndpointMapper.TryWriteBytes(span[32..]); // the GUID's own layout is the NDR little-endian uuid layout
        BinaryPrimitives.WriteUInt16LittleEndian(span[48..], 3); // interface version 3.0
        Ndr.TryWriteBytes(span[52..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[68..], 2); // NDR version 2
        return pdu;
    }

    private static string Judge(byte packetType, ReadOnlySpan<byte> body)
    {
        switch (packetType)
        {
            case PacketBindNak:
                var reason = body.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(body) : -1;
                throw new UnhealthyServiceException($"a DCE/RPC server answered, but refused the endpoint mapper bind (bind_nak, reason {reason}: {NakReason(reason)}).");
            case PacketBindAck:
                break;
            default:
                throw new ProtocolMismatchException($"DCE/RPC packet type {packetType} where bind_ack was expected");
        }

        // max_xmit, max_recv, assoc_group, then the secondary address (the port as text), padded to 4 bytes from the PDU start.
        if (body.Length < 10) throw new ProtocolMismatchException("a truncated bind_ack");
        var addressLength = BinaryPrimitives.ReadUInt16LittleEndian(body[8..]);
        if (10 + addressLength > body.Length) throw new ProtocolMismatchException("a truncated bind_ack");
        var secondary = Encoding.ASCII.GetString(body.Slice(10, addressLength)).TrimEnd('\0');
        var results = 16 + 10 + addressLength;
        results += (4 - results % 4) % 4;
        results -= 16;
        if (results + 8 > body.Length) throw new ProtocolMismatchException("a bind_ack without a result list");
        var count = body[results];
        if (count < 1) throw new ProtocolMismatchException("a bind_ack with no results");
        var result = BinaryPrimitives.ReadUInt16LittleEndian(body[(results + 4)..]);
        var why = BinaryPrimitives.ReadUInt16LittleEndian(body[(results + 6)..]);
        if (result != 0)
        {
            throw new UnhealthyServiceException(
                $"a DCE/RPC server answered, but does not offer the endpoint mapper (bind_ack result {result}, reason {why}: {(why == 1 ? "abstract syntax not supported" : why == 2 ? "transfer syntax not supported" : "not specified")}).");
        }

        return $"The DCE/RPC endpoint mapper accepted the bind (bind_ack{(secondary.Length > 0 ? $", secondary address {secondary}" : "")}).";
    }

    private static string NakReason(int reason) => reason switch
    {
        0 => "not specified",
        1 => "temporary congestion",
        2 => "local limit exceeded",
        4 => "protocol version not supported",
        8 => "authentication type not recognized",
        9 => "invalid checksum",
        _ => "unknown",
    };
}
