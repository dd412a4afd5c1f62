using System.Buffers.Binary;
using System.Text;

namespace ShoppingConnectivity.Agent.Probes.DceRpc;

/// <summary>
/// The endpoint mapper interface (epmp, e1af8308-5d1f-11c9-91a4-08002b14a0fa v3.0; DCE 1.1 RPC appendix O, [MS-RPCE]
/// 2.2.1.2): the bind, and the two calls that name a server's dynamic endpoints. ept_lookup enumerates every
/// registered endpoint (Windows answers it anonymously); ept_map asks for one interface (Samba answers only this one).
/// </summary>
public static class EndpointMapper
{
    public static readonly Guid Interface = new("e1af8308-5d1f-11c9-91a4-08002b14a0fa");

    private const ushort OpLookup = 2, OpMap = 3;

    /// <summary>ept_s_not_registered: no (more) entries. Also what Samba answers to every ept_lookup.</summary>
    public const uint NotRegistered = 0x16c9a0d6;

    /// <summary>
    /// Interfaces that listen on a dynamic TCP port of a Windows server (and of Samba), asked one by one when the
    /// enumeration is refused: SAMR, LSARPC, Netlogon, the event log and the remote registry.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, Guid Interface, ushort Major, ushort Minor)> WellKnown =
    [
        ("samr", new Guid("12345778-1234-abcd-ef00-0123456789ac"), 1, 0),
        ("lsarpc", new Guid("12345778-1234-abcd-ef00-0123456789ab"), 0, 0),
        ("netlogon", new Guid("12345678-1234-abcd-ef00-01234567cffb"), 1, 0),
        ("eventlog", new Guid("82273fdc-e32a-18c3-3f78-827929dc23ea"), 0, 0),
        ("winreg", new Guid("338cd001-2244-31f1-aaaa-900038001003"), 1, 0),
    ];

    /// <summary>A bind PDU (DCE 1.1 RPC, 12.6.4.3) with one presentation context: the endpoint mapper over NDR.</summary>
    public static byte[] Bind()
    {
        var pdu = new byte[72];
        var span = pdu.AsSpan();
        DceRpcPdu.Header(span, DceRpcPdu.Bind, pdu.Length, callId: 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 4280); // max_xmit_frag
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 4280); // max_recv_frag
        span[24] = 1; // one context element
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], 0); // context id
        span[30] = 1; // one transfer syntax
        Interface.TryWriteBytes(span[32..]); // the GUID's own layout is the NDR little-endian uuid layout
        BinaryPrimitives.WriteUInt16LittleEndian(span[48..], 3); // interface version 3.0
        RpcTower.Ndr.TryWriteBytes(span[52..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[68..], 2); // NDR version 2
        return pdu;
    }

    /// <summary>Judges the answer to <see cref="Bind"/>: the secondary address on acceptance ("135"), else throws.</summary>
    public static string JudgeBind(byte packetType, ReadOnlySpan<byte> body)
    {
        switch (packetType)
        {
            case DceRpcPdu.BindNak:
                var reason = body.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(body) : -1;
                throw new UnhealthyServiceException($"a DCE/RPC server answered, but refused the endpoint mapper bind (bind_nak, reason {reason}: {NakReason(reason)}).");
            case DceRpcPdu.BindAck:
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

        return secondary;
    }

    /// <summary>ept_lookup (opnum 2) for every element and version, from the start, up to <paramref name="maxEntries"/>.</summary>
    public static byte[] LookupRequest(uint callId, int maxEntries)
    {
        var stub = new byte[40];
        var span = stub.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 0); // inquiry_type: RPC_C_EP_ALL_ELTS
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 0); // object: null
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], 0); // interface id: null
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], 1); // vers_option: RPC_C_VERS_ALL
        // entry_handle: 20 zero bytes (a new enumeration)
        BinaryPrimitives.WriteUInt32LittleEndian(span[36..], (uint)maxEntries);
        return DceRpcPdu.RequestPdu(callId, OpLookup, stub);
    }

    /// <summary>ept_map (opnum 3): where does this interface listen on TCP? Asks for up to 4 towers.</summary>
    public static byte[] MapRequest(uint callId, Guid @interface, ushort major, ushort minor)
    {
        var tower = RpcTower.ForTcp(@interface, major, minor);
        var towerPadded = (tower.Length + 3) / 4 * 4;
        var stub = new byte[4 + 16 + 4 + 8 + towerPadded + 20 + 4];
        var span = stub.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, 1); // object: a pointer (referent 1) to the nil UUID
        var at = 20;
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], 2); // map_tower: referent 2
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], (uint)tower.Length); // conformance
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 8)..], (uint)tower.Length); // tower_length
        tower.CopyTo(span[(at + 12)..]);
        at += 12 + towerPadded;
        at += 20; // entry_handle: zero
        BinaryPrimitives.WriteUInt32LittleEndian(span[at..], 4); // max_towers
        return DceRpcPdu.RequestPdu(callId, OpMap, stub);
    }

    /// <summary>
    /// The stub of an ept_lookup response: entry_handle, num_ents, the entries (object, tower pointer, annotation), the
    /// towers they point to, then the status.
    /// </summary>
    public static EndpointMapperReply ParseLookup(ReadOnlySpan<byte> stub)
    {
        var reader = new NdrReader(stub);
        var actual = ReadCount(ref reader, "ept_lookup", "entries");
        var pointers = new List<uint>(actual);
        for (var i = 0; i < actual; i++)
        {
            reader.Align(4);
            reader.Skip(16); // object
            pointers.Add(reader.UInt32()); // tower referent
            reader.UInt32(); // annotation offset
            var length = reader.Count("annotation length");
            reader.Skip(length);
        }

        return ReadTowers(ref reader, pointers);
    }

    /// <summary>The stub of an ept_map response: entry_handle, num_towers, the tower pointers, the towers, the status.</summary>
    public static EndpointMapperReply ParseMap(ReadOnlySpan<byte> stub)
    {
        var reader = new NdrReader(stub);
        var actual = ReadCount(ref reader, "ept_map", "towers");
        var pointers = new List<uint>(actual);
        for (var i = 0; i < actual; i++) pointers.Add(reader.UInt32());
        return ReadTowers(ref reader, pointers);
    }

    public static string StatusName(uint status) => status switch
    {
        0 => "found",
        NotRegistered => "ept_s_not_registered",
        0x16c9a0d8 => "ept_s_cant_perform_op",
        0x16c9a0dd => "ept_s_invalid_entry",
        0x1c010002 => "nca_s_op_rng_error (operation not supported)",
        0x1c010003 => "nca_s_unk_if (interface unknown)",
        5 => "access denied",
        0x6d9 => "there are no more endpoints available from the endpoint mapper",
        _ => $"status 0x{status:x8}",
    };

    /// <summary>Past the entry handle: the element count, then the array's max count, offset and actual count.</summary>
    private static int ReadCount(ref NdrReader reader, string call, string what)
    {
        reader.Skip(20); // entry_handle
        var count = reader.Count(what);
        reader.UInt32(); // max_count
        reader.UInt32(); // offset
        var actual = reader.Count(what);
        if (actual != count) throw new ProtocolMismatchException($"an {call} reply naming {count} {what} but holding {actual}");
        return actual;
    }

    /// <summary>The towers the non-null pointers refer to (deferred after the array), then the call's status.</summary>
    private static EndpointMapperReply ReadTowers(ref NdrReader reader, List<uint> pointers)
    {
        var towers = new List<RpcTower>(pointers.Count);
        foreach (var pointer in pointers)
        {
            if (pointer != 0) towers.Add(ReadTower(ref reader));
        }

        return new EndpointMapperReply(reader.UInt32(), towers);
    }

    private static RpcTower ReadTower(ref NdrReader reader)
    {
        var max = reader.Count("tower length");
        var length = reader.Count("tower length");
        if (length > max) throw new ProtocolMismatchException("a protocol tower longer than its array");
        var tower = RpcTower.Parse(reader.Take(length));
        reader.Align(4);
        return tower;
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
