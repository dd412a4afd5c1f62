using System.Globalization;
using System.Text.Json;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Outbox;

/// <summary>
/// The outbox's segment files on disk: their names (<c>{sequence}-{guid}.jsonl</c>), their lines (one JSON result
/// each, newline-terminated) and every call that lists, creates, appends to, syncs, reads or deletes them.
/// <see cref="ResultQueue"/> keeps the books (which segments exist, what they hold, what is sent).
/// </summary>
/// <remarks>Logs to the queue's logger: an operator reads the outbox's warnings under one category.</remarks>
internal sealed class SegmentFiles
{
    private const string Extension = ".jsonl";

    private readonly ILogger _logger;

    /// <summary>Creates <paramref name="directory"/> (0700, as the data folder above it) when it does not exist yet.</summary>
    public SegmentFiles(string directory, ILogger logger)
    {
        DirectoryPath = directory;
        _logger = logger;
        PrivateFiles.CreateFolder(directory);
    }

    public string DirectoryPath { get; }

    /// <summary>A result as one line of a segment: its JSON (the wire's form) and a newline.</summary>
    public static byte[] Line(ProbeResultDto result)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(result, OutboxJson.Default.ProbeResultDto);
        var line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>
    /// The segment files in the folder (in the order the folder lists them), each with its whole lines and its
    /// length; a file that cannot be read is left alone with a warning. Read one file at a time, as the caller goes.
    /// </summary>
    public IEnumerable<(string Path, long Sequence, Guid Id, int Count, long Bytes)> List()
    {
        foreach (var path in Directory.EnumerateFiles(DirectoryPath, "*" + Extension))
        {
            if (!TryParseName(Path.GetFileName(path), out var sequence, out var id)) continue;
            (int Count, long Bytes) size;
            try
            {
                size = CountLines(path);
            }
            catch (IOException ex)
            {
                _logger.LogWarning("Outbox segment {Path} cannot be read and is left alone: {Reason}", path, ex.Message);
                continue;
            }

            yield return (path, sequence, id, size.Count, size.Bytes);
        }
    }

    /// <summary>A new, empty segment file, open for appending.</summary>
    public (string Path, FileStream Stream) Create(long sequence, Guid id)
    {
        var path = Path.Combine(DirectoryPath, string.Create(CultureInfo.InvariantCulture, $"{sequence:D12}-{id:N}{Extension}"));
        // No buffering of ours: each Write is one write(2), so a kill leaves whole lines and at most one torn one.
        // 0600: a result names hosts, addresses and what answered on them.
        var stream = PrivateFiles.Open(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        return (path, stream);
    }

    /// <summary>
    /// Writes <paramref name="line"/> at the end of the segment in one write call, handed to the kernel before this
    /// returns (to the platter at the next <see cref="TrySync"/>).
    /// </summary>
    /// <param name="length">The file's length before the line (kept by the caller: asking the file is a syscall per result).</param>
    /// <exception cref="IOException">The disk refused the write; the partial line is cut off again where possible.</exception>
    public static void Append(FileStream stream, byte[] line, long length)
    {
        try
        {
            stream.Write(line);
            stream.Flush();
        }
        catch (IOException)
        {
            TryTruncate(stream, length);
            throw;
        }
    }

    /// <summary>What the segment holds goes to the platter (fsync).</summary>
    public void TrySync(FileStream stream)
    {
        try
        {
            stream.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            // The lines are in the kernel's cache already; a failed sync only widens the power-cut window.
            _logger.LogWarning(ex, "Syncing the outbox to disk failed.");
        }
    }

    /// <summary>Every readable result of a segment file, unreadable lines skipped with a warning.</summary>
    /// <param name="count">Results the file should hold (for the warning when it is gone).</param>
    /// <returns>Empty when the file is gone; null when it cannot be read now (it stays for a later try).</returns>
    public List<ProbeResultDto>? Read(string path, int count)
    {
        var results = new List<ProbeResultDto>(count);
        var unreadable = 0;
        try
        {
            using var reader = new StreamReader(path);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0) continue;
                if (TryParse(line) is { } result) results.Add(result);
                else unreadable++;
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            _logger.LogWarning("Outbox segment {Path} is gone (deleted by hand?); its {Count} results are lost.", path, count);
            results.Clear();
            return results;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Outbox segment {Path} cannot be read now; trying again later: {Reason}", path, ex.Message);
            return null;
        }

        if (unreadable > 0)
        {
            _logger.LogWarning("Outbox segment {Path}: skipped {Unreadable} unreadable line(s) (cut off when the agent stopped).",
                path, unreadable);
        }

        return results;
    }

    /// <summary>The probe times of the first and last readable results (for the warning when a segment is dropped).</summary>
    public static (DateTimeOffset? First, DateTimeOffset? Last) TimesOf(string path)
    {
        try
        {
            var lines = File.ReadLines(path).Where(l => l.Length > 0).Select(TryParse).OfType<ProbeResultDto>().ToList();
            return lines.Count == 0 ? (null, null) : (lines[0].At, lines[^1].At);
        }
        catch (IOException)
        {
            return (null, null);
        }
    }

    public void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Harmless: after a restart it is sent again under the same id and central answers "duplicate".
            _logger.LogWarning("Outbox segment {Path} could not be deleted: {Reason}", path, ex.Message);
        }
    }

    internal static bool TryParseName(string name, out long sequence, out Guid id)
    {
        sequence = 0;
        id = Guid.Empty;
        if (!name.EndsWith(Extension, StringComparison.Ordinal)) return false;
        var stem = name[..^Extension.Length];
        var dash = stem.IndexOf('-', StringComparison.Ordinal);
        return dash > 0
            && long.TryParse(stem.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && Guid.TryParseExact(stem.AsSpan(dash + 1), "N", out id);
    }

    private static ProbeResultDto? TryParse(string line)
    {
        try
        {
            var result = JsonSerializer.Deserialize(line, OutboxJson.Default.ProbeResultDto);
            // A torn line can still be valid JSON of fewer fields; such a result is not worth sending.
            return result is { ProbeId: not null, FlowId: not null } && result.At != default ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whole lines only: a torn last line has no newline yet and is not counted.</summary>
    private static (int Count, long Bytes) CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        var buffer = new byte[64 * 1024];
        var count = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0) count += buffer.AsSpan(0, read).Count((byte)'\n');
        return (count, stream.Length);
    }

    private static void TryTruncate(FileStream stream, long length)
    {
        try
        {
            stream.SetLength(length);
        }
        catch (IOException)
        {
            // The reader skips the torn line anyway.
        }
    }
}
