using System.Buffers.Binary;

namespace ShoppingConnectivity.Agent.Probes.DceRpc;

/// <summary>
/// Connection-oriented DCE/RPC PDUs (DCE 1.1 RPC chapter 12; [MS-RPCE]): building a request, reading one PDU, and
/// reassembling a fragmented response. The agent always asks for little-endian NDR, and so reads only that.
/// </summary>
public static class DceRpcPdu
{
    public const byte Request = 0, Response = 2, Fault = 3, Bind = 11, BindAck = 12, BindNak = 13;

    private const byte FirstFragment = 0x01, LastFragment = 0x02;

    /// <summary>The largest fragment the agent takes (it offers 4280 in the bind, as Windows does).</summary>
    public const int MaxFragment = 8192;

    /// <summary>A request PDU for operation <paramref name="opnum"/> on presentation context 0, in one fragment.</summary>
    public static byte[] RequestPdu(uint callId, ushort opnum, ReadOnlySpan<byte> stub)
    {
        var pdu = new byte[24 + stub.Length];
        Header(pdu, Request, pdu.Length, callId);
        BinaryPrimitives.WriteUInt32LittleEndian(pdu.AsSpan(16), (uint)stub.Length); // alloc_hint
        BinaryPrimitives.WriteUInt16LittleEndian(pdu.AsSpan(20), 0); // context id
        BinaryPrimitives.WriteUInt16LittleEndian(pdu.AsSpan(22), opnum);
        stub.CopyTo(pdu.AsSpan(24));
        return pdu;
    }

    /// <summary>The packet type and fragment length of a header; throws when it is not DCE/RPC 5.0 little-endian.</summary>
    public static (byte Type, byte Flags, int FragmentLength, uint CallId) ParseHeader(ReadOnlySpan<byte> header)
    {
        // Version 5.0, and the data representation byte saying little-endian (what we asked for) or big-endian.
        if (header.Length < 16 || header[0] != 5 || header[1] != 0 || (header[4] & 0xEF) != 0) throw new ProtocolMismatchException();
        var fragment = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        if (fragment is < 16 or > MaxFragment) throw new ProtocolMismatchException("a DCE/RPC header with an impossible length");
        if ((header[4] & 0x10) == 0) throw new ProtocolMismatchException("a big-endian DCE/RPC answer to a little-endian request");
        return (header[2], header[3], fragment, BinaryPrimitives.ReadUInt32LittleEndian(header[12..]));
    }

    /// <summary>Reads one PDU: its header fields and the body after the 16-byte header.</summary>
    public static async Task<(byte Type, byte Flags, uint CallId, byte[] Body)> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[16];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var (type, flags, length, callId) = ParseHeader(header);
        var body = new byte[length - 16];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return (type, flags, callId, body);
    }

    /// <summary>
    /// The stub of the response to <paramref name="callId"/>, its fragments joined; for a fault PDU no stub and the
    /// fault's status.
    /// </summary>
    public static async Task<(byte[]? Stub, uint FaultStatus)> ReadResponseAsync(Stream stream, uint callId, CancellationToken cancellationToken)
    {
        using var stub = new MemoryStream();
        while (true)
        {
            var (type, flags, id, body) = await ReadAsync(stream, cancellationToken);
            if (id != callId) throw new ProtocolMismatchException($"a DCE/RPC answer to call {id} where call {callId} was expected");
            if (type == Fault) return (null, FaultStatus(body));
            var part = ResponseStub(type, body);
            if (stub.Length + part.Length > 1 << 20) throw new ProtocolMismatchException("an endpoint mapper reply over 1 MB");
            stub.Write(part);
            if ((flags & LastFragment) != 0) return (stub.ToArray(), 0);
        }
    }

    /// <summary>The stub data of a response PDU body (after alloc_hint, context id, cancel count and a reserved byte).</summary>
    public static ReadOnlySpan<byte> ResponseStub(byte type, ReadOnlySpan<byte> body)
    {
        if (type != Response) throw new ProtocolMismatchException($"DCE/RPC packet type {type} where a response was expected");
        if (body.Length < 8) throw new ProtocolMismatchException("a truncated DCE/RPC response");
        return body[8..];
    }

    /// <summary>The status of a fault PDU body (nca_s_op_rng_error, access denied...).</summary>
    public static uint FaultStatus(ReadOnlySpan<byte> body) =>
        body.Length >= 12 ? BinaryPrimitives.ReadUInt32LittleEndian(body[8..]) : throw new ProtocolMismatchException("a truncated DCE/RPC fault");

    /// <summary>Writes the 16-byte header every PDU starts with.</summary>
    public static void Header(Span<byte> pdu, byte type, int length, uint callId)
    {
        pdu[0] = 5; // rpc_vers
        pdu[1] = 0; // rpc_vers_minor
        pdu[2] = type;
        pdu[3] = FirstFragment | LastFragment;
        pdu[4] = 0x10; // little-endian, ASCII, IEEE floats
        BinaryPrimitives.WriteUInt16LittleEndian(pdu[8..], (ushort)length);
        BinaryPrimitives.WriteUInt32LittleEndian(pdu[12..], callId);
    }
}
