using System.Text;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>Renders what a port sent in a form a person can read in a detail line.</summary>
public static class ProtocolText
{
    private const int MaxChars = 80;

    /// <summary>'SSH-2.0-OpenSSH_9.2' for text (first line), hex for binary, "nothing" for no bytes.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "nothing";
        var start = 0;
        while (start < bytes.Length && bytes[start] is (byte)'\r' or (byte)'\n') start++;
        var line = bytes[start..];
        var end = line.IndexOfAny((byte)'\r', (byte)'\n');
        if (end >= 0) line = line[..end];

        var printable = 0;
        foreach (var b in line)
        {
            if (b is >= 0x20 and < 0x7F or (byte)'\t') printable++;
        }

        // The first line tells what answered: text protocols greet in ASCII, binary ones do not.
        if (line.IsEmpty || printable * 10 < line.Length * 9)
        {
            var shown = bytes[..Math.Min(bytes.Length, 16)];
            return $"{bytes.Length} binary bytes {Convert.ToHexString(shown).ToLowerInvariant()}{(bytes.Length > shown.Length ? "..." : "")}";
        }

        var text = new StringBuilder();
        foreach (var b in line[..Math.Min(line.Length, MaxChars)]) text.Append(b is >= 0x20 and < 0x7F ? (char)b : '.');
        return $"'{text}{(line.Length > MaxChars ? "..." : "")}'";
    }
}
