using System.Buffers.Binary;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The smb kind (445): an SMB2 NEGOTIATE ([MS-SMB2] 2.2.3) in NetBIOS session framing, reporting the dialect the server
/// picks. No session is set up, so no credentials and no logon events.
/// </summary>
public sealed class SmbProbe : IProbeKind
{
    // SMB 2.0.2, 2.1, 3.0, 3.0.2. 3.1.1 needs negotiate contexts, which a reachability probe does not need.
    private static readonly ushort[] Dialects = [0x0202, 0x0210, 0x0300, 0x0302];

    public string Kind => ProbeKinds.Smb;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ProbeExchange.RunAsync(probe, "SMB", async (stream, _, ct) =>
        {
            await stream.WriteAsync(Negotiate(), ct);
            var session = new byte[4];
            await stream.ReadExactlyAsync(session, ct);
            var length = (session[1] << 16) | (session[2] << 8) | session[3];
            if (session[0] != 0x00 || length is < 4 or > 1 << 17) throw new ProtocolMismatchException();
            var message = new byte[length];
            await stream.ReadExactlyAsync(message, ct);
            return new ExchangeResult(Judge(message));
        }, cancellationToken);

    public static byte[] Negotiate()
    {
        var smb = new byte[64 + 36 + Dialects.Length * 2];
        var span = smb.AsSpan();
        span[0] = 0xFE;
        span[1] = (byte)'S';
        span[2] = (byte)'M';
        span[3] = (byte)'B';
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], 64); // header size
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], 0); // NEGOTIATE
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], 1); // credits requested
        var body = span[64..];
        BinaryPrimitives.WriteUInt16LittleEndian(body, 36); // structure size
        BinaryPrimitives.WriteUInt16LittleEndian(body[2..], (ushort)Dialects.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(body[4..], 0x0001); // signing enabled
        Guid.NewGuid().TryWriteBytes(body[12..]); // client GUID
        for (var i = 0; i < Dialects.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(body[(36 + i * 2)..], Dialects[i]);

        var packet = new byte[4 + smb.Length];
        packet[1] = (byte)(smb.Length >> 16);
        packet[2] = (byte)(smb.Length >> 8);
        packet[3] = (byte)smb.Length;
        smb.CopyTo(packet, 4);
        return packet;
    }

    private static string Judge(ReadOnlySpan<byte> message)
    {
        if (message.Length >= 4 && message[0] == 0xFF && message[1..4].SequenceEqual("SMB"u8))
            return "An SMB1 server answered the negotiate (SMB1 only: no SMB2 dialect offered).";
        if (message.Length < 4 || message[0] != 0xFE || !message[1..4].SequenceEqual("SMB"u8))
            throw new ProtocolMismatchException("not an SMB2 header");
        if (message.Length < 64 + 6) throw new ProtocolMismatchException("a truncated SMB2 negotiate response");

        var status = BinaryPrimitives.ReadUInt32LittleEndian(message[8..]);
        var command = BinaryPrimitives.ReadUInt16LittleEndian(message[12..]);
        if (command != 0) throw new ProtocolMismatchException($"SMB2 command {command} where NEGOTIATE was expected");
        if (status != 0) throw new UnhealthyServiceException($"an SMB2 server answered, but refused the negotiate (status 0x{status:x8}).");

        var securityMode = BinaryPrimitives.ReadUInt16LittleEndian(message[66..]);
        var dialect = BinaryPrimitives.ReadUInt16LittleEndian(message[68..]);
        var signing = (securityMode & 0x0002) != 0 ? "signing required" : "signing enabled";
        return $"An SMB server answered the negotiate: dialect {DialectName(dialect)} ({signing}).";
    }

    private static string DialectName(ushort dialect) => dialect switch
    {
        0x0202 => "SMB 2.0.2",
        0x0210 => "SMB 2.1",
        0x0300 => "SMB 3.0",
        0x0302 => "SMB 3.0.2",
        0x0311 => "SMB 3.1.1",
        _ => $"0x{dialect:x4}",
    };
}
