using System.Buffers.Binary;

namespace ShoppingConnectivity.Agent.Probes.DceRpc;

/// <summary>
/// Reads NDR (little-endian, as the agent's bind asks for) from a stub: aligned integers and byte runs, throwing
/// <see cref="ProtocolMismatchException"/> when the data ends early or a count cannot be true.
/// </summary>
public ref struct NdrReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public void Align(int boundary) => Position += (boundary - Position % boundary) % boundary;

    public uint UInt32()
    {
        Align(4);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        return value;
    }

    /// <summary>A count that sizes what follows: never more than the bytes left (each element at least one byte).</summary>
    public int Count(string what)
    {
        var value = UInt32();
        if (value > (uint)(_data.Length - Position)) throw new ProtocolMismatchException($"an endpoint mapper reply with an impossible {what} ({value})");
        return (int)value;
    }

    public ReadOnlySpan<byte> Take(int length)
    {
        if (length < 0 || Position + length > _data.Length) throw new ProtocolMismatchException("a truncated endpoint mapper reply");
        var span = _data.Slice(Position, length);
        Position += length;
        return span;
    }

    public void Skip(int length) => Take(length);
}
