using System.Buffers.Binary;
using System.Net.Sockets;

namespace ShoppingConnectivity.Agent.Tests.Infrastructure;

/// <summary>
/// A SQL Server stand-in for the pre-login only: SQL Server does not run on Debian, so the sql probe is tested against
/// this responder, which answers a PRELOGIN packet the way [MS-TDS] 2.2.6.5 describes (VERSION, ENCRYPTION, INSTOPT,
/// THREADID, MARS) and records every packet type it received, so a test can prove no login (0x10) was ever sent.
/// </summary>
public sealed class TdsPreLoginResponder : LoopbackResponder
{
    private readonly List<byte> _packetTypes = [];
    private readonly byte[] _response;

    public TdsPreLoginResponder(byte major, byte minor, ushort build, byte encryption)
    {
        _response = Response(major, minor, build, encryption);
        Start();
    }

    public IReadOnlyList<byte> PacketTypes
    {
        get { lock (_packetTypes) return [.. _packetTypes]; }
    }

    protected override async Task AnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = new byte[8];
            await stream.ReadExactlyAsync(header, cancellationToken);
            var payload = new byte[BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) - 8];
            await stream.ReadExactlyAsync(payload, cancellationToken);
            lock (_packetTypes) _packetTypes.Add(header[0]);
            if (header[0] == 0x12) await stream.WriteAsync(_response, cancellationToken);
        }
    }

    private static byte[] Response(byte major, byte minor, ushort build, byte encryption)
    {
        // Option table: 5 entries of (token, offset, length) + terminator = 26 bytes, then the data.
        (byte Token, byte[] Data)[] options =
        [
            (0x00, [major, minor, (byte)(build >> 8), (byte)build, 0, 0]),
            (0x01, [encryption]),
            (0x02, [0x00]),
            (0x03, []),
            (0x04, [0x00]),
        ];
        var payload = new List<byte>();
        var offset = options.Length * 5 + 1;
        foreach (var (token, data) in options)
        {
            payload.Add(token);
            payload.Add((byte)(offset >> 8));
            payload.Add((byte)offset);
            payload.Add((byte)(data.Length >> 8));
            payload.Add((byte)data.Length);
            offset += data.Length;
        }

        payload.Add(0xFF);
        foreach (var (_, data) in options) payload.AddRange(data);
        var packet = new byte[8 + payload.Count];
        packet[0] = 0x04; // tabular result
        packet[1] = 0x01; // end of message
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[6] = 1;
        payload.CopyTo(packet, 8);
        return packet;
    }
}
