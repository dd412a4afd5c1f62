namespace ShoppingConnectivity.Agent.Probes;

/// <summary>
/// Passes everything through and keeps the first bytes the server sent, so a probe can say what answered
/// ("got 'SSH-2.0-OpenSSH...'") whichever library read them.
/// </summary>
public sealed class RecordingStream(Stream inner, int keep = 512) : Stream
{
    private readonly byte[] _first = new byte[keep];
    private int _count;

    /// <summary>The first bytes received (at most the number kept).</summary>
    public ReadOnlySpan<byte> Received => _first.AsSpan(0, Volatile.Read(ref _count));

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override int Read(Span<byte> buffer) => Keep(buffer[..inner.Read(buffer)]);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Keep(buffer.Span[..read]);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Keep(ReadOnlySpan<byte> read)
    {
        var room = _first.Length - _count;
        if (room > 0 && read.Length > 0)
        {
            var take = Math.Min(room, read.Length);
            read[..take].CopyTo(_first.AsSpan(_count));
            Volatile.Write(ref _count, _count + take);
        }

        return read.Length;
    }
}
