using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Outbox;

/// <summary>
/// The agent's outbox: results waiting for central, oldest first, kept on disk under
/// <c>{Agent:DataDirectory}/outbox</c> so they survive restarts, crashes and central being away for days.
/// </summary>
/// <remarks>
/// <para>Results are JSON lines in segment files named <c>{sequence}-{guid}.jsonl</c>. A result is written and
/// handed to the kernel before <see cref="Add"/> returns (synced to disk within <see cref="SyncInterval"/>). New results go to the one open segment; a segment is sealed
/// (never written again) when it holds <c>Agent:MaxBatchSize</c> results, reaches its byte share of the bound, the
/// push job asks for a batch and nothing older is waiting, or the program restarts.</para>
/// <para>One sealed segment is one batch, and the batch id is the guid in its file name: the same results always go
/// out under the same id, before and after a crash, so central stores a re-sent batch once. A segment leaves the
/// disk only when central acknowledged it (after its commit).</para>
/// <para>A line that does not parse (the program was killed mid-write) is skipped with a warning, never fatal.
/// When the files pass <c>Agent:OutboxMaxMegabytes</c> the oldest sealed segments are dropped, with a warning that
/// says how many results were lost.</para>
/// </remarks>
public sealed class ResultQueue : IDisposable
{
    public const string FolderName = "outbox";

    /// <summary>Segments smaller than this are not worth a file of their own, whatever the bound.</summary>
    private const long MinSegmentBytes = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly SegmentFiles _files;
    private readonly int _maxBatchSize;
    private readonly long _maxBytes;
    private readonly long _segmentMaxBytes;
    private readonly ILogger<ResultQueue> _logger;

    /// <summary>Sealed segments, oldest first; the open one is not in here.</summary>
    private readonly List<Segment> _sealed = [];
    private OpenSegment? _open;
    private PendingBatch? _inFlight;
    private long _nextSequence = 1;
    private long _bytes;
    private int _count;
    private long _dropped;
    private bool _disposed;
    private readonly ITimer _syncTimer;
    private bool _syncArmed;

    /// <summary>Longest time a queued result waits in the kernel's cache before it is synced to disk.</summary>
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(5);

    public sealed record PendingBatch(Guid BatchId, IReadOnlyList<ProbeResultDto> Results);

    /// <summary>What waits for central, for the push to decide when to send.</summary>
    /// <param name="Count">Results waiting (the batch in flight included).</param>
    /// <param name="Since">When the oldest of them was queued (<see cref="Environment.TickCount64"/>); results from before the start count from the start.</param>
    /// <param name="Urgent">An urgent result waits, or a backlog of whole batches (after a restart or while central was away).</param>
    public readonly record struct Waiting(int Count, long Since, bool Urgent);

    private sealed class Segment(string path, long sequence, Guid id, int count, long bytes, long since, bool urgent)
    {
        public string Path { get; } = path;
        public long Sequence { get; } = sequence;
        public Guid Id { get; } = id;
        public int Count { get; set; } = count;
        public long Bytes { get; set; } = bytes;
        public long Since { get; } = since;
        public bool Urgent { get; set; } = urgent;

        /// <summary>The results as written, kept from the open segment for its first send: no reading back from disk.</summary>
        public List<ProbeResultDto>? Written { get; set; }
    }

    private sealed class OpenSegment(Segment segment, FileStream stream)
    {
        public Segment Segment { get; } = segment;
        public FileStream Stream { get; } = stream;
        public List<ProbeResultDto> Results { get; } = [];
    }

    /// <param name="clock">Runs the periodic sync (default: the agent's clock).</param>
    public ResultQueue(IOptions<AgentOptions> options, ILogger<ResultQueue> logger, TimeProvider? clock = null)
    {
        // The sync runs on the clock's thread, not on whichever thread adds a result: with socket completions inline
        // (AgentRuntime), that is the socket engine's thread, and a slow disk must not hold up every probe's answer.
        _syncTimer = (clock ?? AgentClock.Shared).CreateTimer(static state => ((ResultQueue)state!).SyncDue(), this,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var o = options.Value;
        _maxBatchSize = o.MaxBatchSize;
        _maxBytes = (long)o.OutboxMaxMegabytes * 1024 * 1024;
        // Dropping happens a whole segment at a time, so a segment is a small share of the bound.
        _segmentMaxBytes = Math.Max(MinSegmentBytes, _maxBytes / 16);
        _logger = logger;
        _files = new SegmentFiles(Path.Combine(o.DataDirectory, FolderName), logger);
        LoadExisting();
    }

    /// <summary>The folder holding the segment files.</summary>
    public string DirectoryPath => _files.DirectoryPath;

    /// <summary>Results on disk waiting for central (lines already known unreadable excluded).</summary>
    public int Count
    {
        get { lock (_gate) return _count; }
    }

    /// <summary>Bytes the segment files take.</summary>
    public long Bytes
    {
        get { lock (_gate) return _bytes; }
    }

    /// <summary>What waits for central now.</summary>
    public Waiting Pending
    {
        get
        {
            lock (_gate)
            {
                if (_count == 0) return new Waiting(0, 0, false);
                var first = _sealed.Count > 0 ? _sealed[0] : _open?.Segment;
                var urgent = _sealed.Count > 0 || (_open?.Segment.Urgent ?? false);
                return new Waiting(_count, first?.Since ?? Environment.TickCount64, urgent);
            }
        }
    }

    /// <summary>
    /// Raised (outside the queue's lock, on the adding thread) when a result made the push more pressing: the first
    /// one waiting, the first urgent one, or a full batch. The push sleeps until then or until the oldest may wait
    /// no longer.
    /// </summary>
    public event Action? Pressing;

    /// <summary>Results dropped to keep within Agent:OutboxMaxMegabytes since this instance started.</summary>
    public long Dropped
    {
        get { lock (_gate) return _dropped; }
    }

    /// <summary>Writes <paramref name="result"/> to the open segment (handed to the kernel, synced within <see cref="SyncInterval"/>); queued once this returns.</summary>
    /// <param name="urgent">Central should have it at once (it changes its probe's outcome: <see cref="Core.Plans.Reporting.IsUrgent"/>).</param>
    /// <exception cref="IOException">The disk refused the write; the result is not queued.</exception>
    public void Add(ProbeResultDto result, bool urgent = false)
    {
        var record = SegmentFiles.Line(result);

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var open = _open ??= OpenNewSegment();
            try
            {
                // One write call per line, handed to the kernel before Add returns: a killed agent loses nothing and
                // tears at most this line. To the platter (fsync) when the segment seals, on stop, and within
                // SyncInterval of the first unsynced line: a power cut loses at most that much, and the agent does not
                // pay an fsync per probe.
                SegmentFiles.Append(open.Stream, record, open.Segment.Bytes);
            }
            catch (IOException)
            {
                // Append cut the partial line off; the next result goes to a fresh file, never behind garbage.
                Seal();
                throw;
            }

            if (!_syncArmed)
            {
                _syncArmed = true;
                _syncTimer.Change(SyncInterval, Timeout.InfiniteTimeSpan);
            }

            var pressing = _count == 0 || (urgent && !open.Segment.Urgent);
            open.Results.Add(result);
            open.Segment.Count++;
            open.Segment.Bytes += record.Length;
            open.Segment.Urgent |= urgent;
            _count++;
            _bytes += record.Length;
            if (open.Segment.Count >= _maxBatchSize || open.Segment.Bytes >= _segmentMaxBytes)
            {
                Seal();
                pressing = true; // a whole batch waits
            }

            EnforceBound();
            if (!pressing) return;
        }

        Pressing?.Invoke();
    }

    /// <summary>
    /// The oldest batch waiting, or null when there is none. The same batch (same id, same results) comes back
    /// until <see cref="Acknowledge"/> or <see cref="Discard"/> removes it, in this run or after a restart.
    /// </summary>
    public PendingBatch? Peek()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_inFlight is not null) return _inFlight;
            // Nothing older waits: send what the open segment holds rather than wait for it to fill.
            if (_sealed.Count == 0 && _open is { Segment.Count: > 0 }) Seal(keepWritten: true);

            while (_sealed.Count > 0)
            {
                var segment = _sealed[0];
                var results = Read(segment);
                if (results is null) return null; // locked or failing disk: try again at the next push
                if (results.Count > 0)
                {
                    _inFlight = new PendingBatch(segment.Id, results);
                    return _inFlight;
                }

                Remove(segment); // nothing readable left in it, or deleted by hand
            }

            return null;
        }
    }

    /// <summary>Central committed the batch: its results leave the disk. Ids other than the pending batch's are ignored.</summary>
    public void Acknowledge(Guid batchId) => RemoveInFlight(batchId);

    /// <summary>Central refused the batch for good (invalid data): drop it so it does not hold up the results behind it.</summary>
    public int Discard(Guid batchId) => RemoveInFlight(batchId);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _syncTimer.Dispose();
            if (_open is not null) _files.TrySync(_open.Stream);
            _open?.Stream.Dispose();
            _open = null;
        }
    }

    private int RemoveInFlight(Guid batchId)
    {
        lock (_gate)
        {
            if (_inFlight is null || _inFlight.BatchId != batchId) return 0;
            var segment = _sealed.First(s => s.Id == batchId);
            _inFlight = null;
            Remove(segment);
            return segment.Count;
        }
    }

    private void LoadExisting()
    {
        var segments = new List<Segment>();
        foreach (var (path, sequence, id, count, bytes) in _files.List())
        {
            // From before the start: urgent, they have waited long enough.
            segments.Add(new Segment(path, sequence, id, count, bytes, Environment.TickCount64, urgent: true));
        }

        // Everything on disk from before the start is sealed: it may have been sent already under its id.
        _sealed.AddRange(segments.OrderBy(s => s.Sequence));
        _count = _sealed.Sum(s => s.Count);
        _bytes = _sealed.Sum(s => s.Bytes);
        if (_sealed.Count > 0)
        {
            _nextSequence = _sealed[^1].Sequence + 1;
            _logger.LogInformation("Outbox holds {Count} results from before the start ({Bytes} bytes in {Segments} files).",
                _count, _bytes, _sealed.Count);
        }

        EnforceBound();
    }

    private OpenSegment OpenNewSegment()
    {
        var sequence = _nextSequence++;
        var id = Guid.NewGuid();
        var (path, stream) = _files.Create(sequence, id);
        return new OpenSegment(new Segment(path, sequence, id, 0, 0, Environment.TickCount64, urgent: false), stream);
    }

    /// <param name="keepWritten">Keep the results in memory for the send that follows at once (only then: a backlog
    /// sealed while central is away stays on disk only, so memory does not grow with the outbox).</param>
    private void Seal(bool keepWritten = false)
    {
        if (_open is null) return;
        var segment = _open.Segment;
        if (keepWritten) segment.Written = _open.Results;
        _files.TrySync(_open.Stream);
        _open.Stream.Dispose();
        _open = null;
        if (segment.Count == 0)
        {
            _files.TryDelete(segment.Path);
            _bytes -= segment.Bytes;
            return;
        }

        _sealed.Add(segment);
    }

    /// <summary>The sync timer fell due: what the open segment holds goes to the platter (a sealed one was synced at its seal).</summary>
    private void SyncDue()
    {
        lock (_gate)
        {
            _syncArmed = false;
            if (!_disposed && _open is not null) _files.TrySync(_open.Stream);
        }
    }

    /// <summary>Drops the oldest sealed segments (never the one in flight) until the files fit the bound again.</summary>
    private void EnforceBound()
    {
        if (_bytes <= _maxBytes) return;
        var droppedResults = 0;
        var droppedFiles = 0;
        DateTimeOffset? from = null;
        DateTimeOffset? to = null;
        for (var i = 0; i < _sealed.Count && _bytes > _maxBytes;)
        {
            var segment = _sealed[i];
            if (_inFlight?.BatchId == segment.Id)
            {
                i++;
                continue;
            }

            var span = SegmentFiles.TimesOf(segment.Path);
            from ??= span.First;
            to = span.Last ?? to;
            droppedResults += segment.Count;
            droppedFiles++;
            Remove(segment);
        }

        if (droppedFiles == 0) return;
        _dropped += droppedResults;
        _logger.LogWarning(
            "Outbox is over its bound of {MaxMegabytes} MB (Agent:OutboxMaxMegabytes): dropped the {Dropped} oldest results "
            + "(probe times {From:O} to {To:O}), central never gets them; {DroppedTotal} dropped since start, {Waiting} still waiting.",
            _maxBytes / (1024 * 1024), droppedResults, from, to, _dropped, _count);
    }

    private void Remove(Segment segment)
    {
        _sealed.Remove(segment);
        _count -= segment.Count;
        _bytes -= segment.Bytes;
        _files.TryDelete(segment.Path);
    }

    /// <summary>Every readable result of a sealed segment; fixes its count when lines turn out unreadable.</summary>
    /// <returns>Null when the file cannot be read now (it stays for a later try).</returns>
    private List<ProbeResultDto>? Read(Segment segment)
    {
        if (segment.Written is { } written)
        {
            segment.Written = null; // the pending batch holds them from here
            return written;
        }

        if (_files.Read(segment.Path, segment.Count) is not { } results) return null;
        _count += results.Count - segment.Count;
        segment.Count = results.Count;
        return results;
    }
}
