using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Central.Estates;

/// <summary>
/// The estate file (Central:EstatePath), the store of record's second way in and its mirror: read with its hash,
/// written atomically in its own format, and watched for edits. <see cref="KnownHash"/> is the hash of the file as
/// central last imported or wrote it, so central's own write is not taken for an edit.
/// </summary>
public sealed class EstateFileMirror : IDisposable
{
    /// <summary>Editors write a file in several steps (truncate, write, rename): an edit is read once the writes settle.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly TimeProvider _clock;
    private readonly bool _writeFile;
    private FileSystemWatcher? _watcher;
    private ITimer? _settle;
    private string? _knownHash;

    public EstateFileMirror(IOptions<CentralOptions> options, TimeProvider clock)
    {
        _clock = clock;
        Path = options.Value.EstatePath is { Length: > 0 } path ? path : null;
        _writeFile = options.Value.WriteEstateFile;
    }

    /// <summary>The estate file; null when none is set.</summary>
    public string? Path { get; }

    /// <summary>Whether saves are written back to the estate file (Central:WriteEstateFile).</summary>
    public bool WritesFile => Path is not null && _writeFile;

    /// <summary>SHA-256 of the file as central last imported or wrote it; null before any.</summary>
    public string? KnownHash
    {
        get => Volatile.Read(ref _knownHash);
        set => Volatile.Write(ref _knownHash, value);
    }

    /// <summary>The file's text (any byte-order mark read) and the hash of its bytes.</summary>
    public (string Text, string Hash) Read()
    {
        var bytes = File.ReadAllBytes(Path ?? throw new InvalidOperationException("No estate file is set."));
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return (reader.ReadToEnd(), HashOf(bytes));
    }

    /// <summary>The estate as the file would hold it (in the file's format: JSON or YAML); null when saves are not written back.</summary>
    public byte[]? Render(Estate estate) => WritesFile ? new UTF8Encoding(false).GetBytes(EstateFile.Write(estate, Path!)) : null;

    /// <summary>
    /// Replaces the file with <paramref name="bytes"/>: a temp file beside it, flushed, then renamed over it, so readers
    /// see the old file or the new one, never half. <see cref="KnownHash"/> is set first: the watcher must recognise
    /// the change as central's own.
    /// </summary>
    public void Write(byte[] bytes)
    {
        KnownHash = HashOf(bytes);
        var path = Path!;
        var temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Calls <paramref name="edited"/> once an edit of the file has settled (<see cref="Settle"/> without a further write).</summary>
    public void Watch(Func<Task> edited)
    {
        var path = Path ?? throw new InvalidOperationException("No estate file is set.");
        _settle = _clock.CreateTimer(_ => _ = edited(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(path)!, System.IO.Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, _) => Touched();
        _watcher.Created += (_, _) => Touched();
        _watcher.Renamed += (_, _) => Touched();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The file was written to: (re)starts the wait for the writes to settle.</summary>
    public void Touched() => _settle?.Change(Settle, Timeout.InfiniteTimeSpan);

    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public void Dispose()
    {
        _watcher?.Dispose();
        _settle?.Dispose();
    }
}
