using System.Buffers.Binary;
using System.Net;

namespace ShoppingConnectivity.Agent.Probes.DceRpc;

/// <summary>
/// A protocol tower (DCE 1.1 RPC appendix L; [MS-RPCE] 2.2.1.1.x): the floors naming an interface and where it listens.
/// Only what a reachability probe needs is kept: the interface, the protocol sequence, the TCP port and IPv4 address.
/// </summary>
/// <param name="Protocol">"ncacn_ip_tcp", "ncacn_np", "ncacn_http", "ncalrpc", ... or "floor 0xNN" for others.</param>
public sealed record RpcTower(Guid Interface, ushort Major, ushort Minor, string Protocol, int? Port, IPAddress? Address)
{
    private const byte UuidFloor = 0x0D, ConnectionOriented = 0x0B, Tcp = 0x07, Ip = 0x09, NamedPipe = 0x0F, NetBios = 0x11, Http = 0x1F, Local = 0x20;

    /// <summary>NDR 2.0, the transfer syntax of the second floor.</summary>
    public static readonly Guid Ndr = new("8a885d04-1ceb-11c9-9fe8-08002b104860");

    public bool IsTcp => Protocol == "ncacn_ip_tcp" && Port is > 0;

    /// <summary>The tower an ept_map request names: this interface over NDR, connection-oriented, on TCP (port 0, address 0.0.0.0).</summary>
    public static byte[] ForTcp(Guid @interface, ushort major, ushort minor)
    {
        var tower = new byte[75];
        var span = tower.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span, 5); // floors
        var at = 2;
        at = UuidFloorAt(span, at, @interface, major, minor);
        at = UuidFloorAt(span, at, Ndr, 2, 0);
        at = SimpleFloor(span, at, ConnectionOriented, [0, 0]);
        at = SimpleFloor(span, at, Tcp, [0, 0]); // port, big-endian
        SimpleFloor(span, at, Ip, [0, 0, 0, 0]);
        return tower;
    }

    public static RpcTower Parse(ReadOnlySpan<byte> tower)
    {
        if (tower.Length < 2) throw new ProtocolMismatchException("a truncated protocol tower");
        var floors = BinaryPrimitives.ReadUInt16LittleEndian(tower);
        var at = 2;
        Guid @interface = Guid.Empty;
        ushort major = 0, minor = 0;
        int? port = null;
        IPAddress? address = null;
        var ids = new List<byte>();
        for (var i = 0; i < floors; i++)
        {
            var lhs = Field(tower, ref at);
            var rhs = Field(tower, ref at);
            if (lhs.IsEmpty) throw new ProtocolMismatchException("a protocol tower floor without a protocol id");
            var id = lhs[0];
            ids.Add(id);
            switch (id)
            {
                case UuidFloor when i == 0 && lhs.Length >= 19 && rhs.Length >= 2:
                    @interface = new Guid(lhs.Slice(1, 16));
                    major = BinaryPrimitives.ReadUInt16LittleEndian(lhs[17..]);
                    minor = BinaryPrimitives.ReadUInt16LittleEndian(rhs);
                    break;
                case Tcp or Http when rhs.Length >= 2:
                    port = BinaryPrimitives.ReadUInt16BigEndian(rhs);
                    break;
                case Ip when rhs.Length >= 4:
                    address = new IPAddress(rhs[..4]);
                    break;
            }
        }

        return new RpcTower(@interface, major, minor, ProtocolOf(ids), port, address);
    }

    private static string ProtocolOf(List<byte> ids)
    {
        // Floors 1 and 2 are the interface and the transfer syntax; the protocol sequence is what follows.
        var rest = ids.Skip(2).ToList();
        return rest switch
        {
            [ConnectionOriented, Tcp, ..] => "ncacn_ip_tcp",
            [ConnectionOriented, Http, ..] => "ncacn_http",
            [ConnectionOriented, NamedPipe, ..] => "ncacn_np",
            [ConnectionOriented, Local, ..] => "ncalrpc",
            [ConnectionOriented, NetBios, ..] => "ncacn_nb",
            [var first, ..] => $"floor 0x{first:x2}",
            _ => "none",
        };
    }

    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> tower, ref int at)
    {
        if (at + 2 > tower.Length) throw new ProtocolMismatchException("a truncated protocol tower");
        var length = BinaryPrimitives.ReadUInt16LittleEndian(tower[at..]);
        at += 2;
        if (at + length > tower.Length) throw new ProtocolMismatchException("a truncated protocol tower");
        var field = tower.Slice(at, length);
        at += length;
        return field;
    }

    private static int UuidFloorAt(Span<byte> span, int at, Guid uuid, ushort major, ushort minor)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], 19);
        span[at + 2] = UuidFloor;
        uuid.TryWriteBytes(span[(at + 3)..]);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 19)..], major);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 21)..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 23)..], minor);
        return at + 25;
    }

    private static int SimpleFloor(Span<byte> span, int at, byte id, ReadOnlySpan<byte> rhs)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], 1);
        span[at + 2] = id;
        BinaryPrimitives.WriteUInt16LittleEndian(span[(at + 3)..], (ushort)rhs.Length);
        rhs.CopyTo(span[(at + 5)..]);
        return at + 5 + rhs.Length;
    }
}
