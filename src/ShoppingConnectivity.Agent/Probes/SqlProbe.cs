using System.Buffers.Binary;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// The sql kind: a SQL Server TDS PRELOGIN exchange written by hand ([MS-TDS] 2.2.6.5), reporting the server version.
/// </summary>
/// <remarks>
/// Deliberately not Microsoft.Data.SqlClient: a real connection would attempt a login every interval, and each failed
/// one writes an 18456 event into the customer's SQL Server error log and security audit; SqlClient would also blow the
/// agent's 40 MB memory budget on its own. The pre-login proves a TDS server answers on the port without any login.
/// </remarks>
public sealed class SqlProbe : IProbeKind
{
    private const byte PreLoginPacket = 0x12;
    private const byte TabularResultPacket = 0x04;
    private const byte TokenVersion = 0x00, TokenEncryption = 0x01, TokenInstance = 0x02, TokenThreadId = 0x03, TokenMars = 0x04, TokenTerminator = 0xFF;

    public string Kind => ProbeKinds.Sql;

    public Task<ProbeFinding> RunAsync(PlannedProbe probe, CancellationToken cancellationToken) =>
        ProbeExchange.RunAsync(probe, "SQL Server (TDS)", async (stream, _, ct) =>
        {
            await stream.WriteAsync(PreLogin(), ct);
            var header = new byte[8];
            await stream.ReadExactlyAsync(header, ct);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            if (header[0] != TabularResultPacket || length is < 8 + 1 or > 4096) throw new ProtocolMismatchException();
            var payload = new byte[length - 8];
            await stream.ReadExactlyAsync(payload, ct);
            return new ExchangeResult(Describe(ParseResponse(payload)));
        }, cancellationToken);

    /// <summary>The server's answer: its version and what it says about encryption.</summary>
    public sealed record PreLoginResponse(int Major, int Minor, int Build, byte? Encryption);

    /// <summary>
    /// A PRELOGIN packet: VERSION, ENCRYPTION (off: this client could, but the exchange ends before any TLS),
    /// INSTOPT (default instance), THREADID, MARS (off), then the terminator.
    /// </summary>
    public static byte[] PreLogin()
    {
        (byte Token, byte[] Data)[] options =
        [
            (TokenVersion, [0, 0, 0, 0, 0, 0]),
            (TokenEncryption, [0x00]),
            (TokenInstance, [0x00]),
            (TokenThreadId, [0, 0, 0, 0]),
            (TokenMars, [0x00]),
        ];
        var tableLength = options.Length * 5 + 1;
        var payload = new byte[tableLength + options.Sum(o => o.Data.Length)];
        var offset = tableLength;
        for (var i = 0; i < options.Length; i++)
        {
            var entry = payload.AsSpan(i * 5, 5);
            entry[0] = options[i].Token;
            BinaryPrimitives.WriteUInt16BigEndian(entry[1..], (ushort)offset);
            BinaryPrimitives.WriteUInt16BigEndian(entry[3..], (ushort)options[i].Data.Length);
            options[i].Data.CopyTo(payload, offset);
            offset += options[i].Data.Length;
        }

        payload[tableLength - 1] = TokenTerminator;
        var packet = new byte[8 + payload.Length];
        packet[0] = PreLoginPacket;
        packet[1] = 0x01; // end of message
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[6] = 1; // packet id
        payload.CopyTo(packet, 8);
        return packet;
    }

    /// <summary>Reads the option table of a PRELOGIN response; a table that does not hold together is another protocol.</summary>
    public static PreLoginResponse ParseResponse(ReadOnlySpan<byte> payload)
    {
        PreLoginResponse? version = null;
        byte? encryption = null;
        for (var i = 0; ; i += 5)
        {
            if (i >= payload.Length) throw new ProtocolMismatchException("a TDS packet without a pre-login option table");
            var token = payload[i];
            if (token == TokenTerminator) break;
            if (i + 5 > payload.Length) throw new ProtocolMismatchException("a truncated pre-login option table");
            var offset = BinaryPrimitives.ReadUInt16BigEndian(payload[(i + 1)..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(payload[(i + 3)..]);
            if (offset + length > payload.Length) throw new ProtocolMismatchException("a pre-login option pointing past the packet");
            var data = payload.Slice(offset, length);
            if (token == TokenVersion && length >= 4) version = new PreLoginResponse(data[0], data[1], BinaryPrimitives.ReadUInt16BigEndian(data[2..]), null);
            if (token == TokenEncryption && length >= 1) encryption = data[0];
        }

        if (version is null) throw new ProtocolMismatchException("a pre-login answer without VERSION");
        return version with { Encryption = encryption };
    }

    private static string Describe(PreLoginResponse response)
    {
        var product = response.Major switch
        {
            17 => " (SQL Server 2025)",
            16 => " (SQL Server 2022)",
            15 => " (SQL Server 2019)",
            14 => " (SQL Server 2017)",
            13 => " (SQL Server 2016)",
            12 => " (SQL Server 2014)",
            11 => " (SQL Server 2012)",
            _ => "",
        };
        var encryption = response.Encryption switch
        {
            0x00 => "encryption available, off",
            0x01 => "encryption on",
            0x02 => "encryption not supported",
            0x03 => "encryption required",
            null => "encryption not stated",
            { } other => $"encryption 0x{other:x2}",
        };
        return $"SQL Server {response.Major}.{response.Minor}.{response.Build}{product} answered the TDS pre-login ({encryption}); no login attempted.";
    }
}
