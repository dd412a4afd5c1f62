using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Timing;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Outbox;

/// <summary>The file-backed outbox on a real folder of its own per test.</summary>
public sealed class ResultQueueTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "sc-outbox-tests", Guid.NewGuid().ToString("N"));
    private readonly List<ResultQueue> _queues = [];

    [Fact]
    public void Peek_Empty_ReturnsNull() => Assert.Null(Open().Peek());

    [Fact]
    public void AddPeekAcknowledge_ThreeResults_SentOldestFirstThenGone()
    {
        var queue = Open();
        for (var i = 0; i < 3; i++) queue.Add(Result(i));
        Assert.Equal(3, queue.Count);

        var batch = queue.Peek()!;
        Assert.Equal([0, 1, 2], Numbers(batch));
        queue.Acknowledge(batch.BatchId);

        Assert.Equal(0, queue.Count);
        Assert.Null(queue.Peek());
        Assert.Empty(SegmentFiles());
    }

    [Fact]
    public void Peek_UntilAcknowledged_ReturnsSameBatch()
    {
        var queue = Open();
        queue.Add(Result(0));
        queue.Add(Result(1));

        var first = queue.Peek()!;
        queue.Add(Result(2));
        var again = queue.Peek()!;

        Assert.Equal(first.BatchId, again.BatchId);
        Assert.Equal([0, 1], Numbers(again));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public void Acknowledge_OtherBatchId_KeepsPendingBatch()
    {
        var queue = Open();
        queue.Add(Result(0));
        var batch = queue.Peek()!;

        queue.Acknowledge(Guid.NewGuid());

        Assert.Equal(1, queue.Count);
        Assert.Equal(batch.BatchId, queue.Peek()!.BatchId);
    }

    [Fact]
    public void Peek_MoreThanMaxBatchSize_BatchesOfMaxSizeOldestFirst()
    {
        var queue = Open(maxBatchSize: 3);
        for (var i = 0; i < 7; i++) queue.Add(Result(i));

        var sent = new List<int[]>();
        var ids = new HashSet<Guid>();
        while (queue.Peek() is { } batch)
        {
            sent.Add(Numbers(batch));
            Assert.True(ids.Add(batch.BatchId));
            queue.Acknowledge(batch.BatchId);
        }

        Assert.Equal([[0, 1, 2], [3, 4, 5], [6]], sent);
    }

    [Fact]
    public void Discard_PendingBatch_RemovesItAndReportsCount()
    {
        var queue = Open();
        queue.Add(Result(0));
        queue.Add(Result(1));
        var batch = queue.Peek()!;
        queue.Add(Result(2));

        Assert.Equal(2, queue.Discard(batch.BatchId));
        Assert.Equal([2], Numbers(queue.Peek()!));
    }

    [Fact]
    public void Add_ReturnsOnlyOnceTheLineIsInTheFile()
    {
        var queue = Open();
        queue.Add(Result(0));

        // Another reader (as after a kill of this process) sees the whole line at once.
        var file = Assert.Single(SegmentFiles());
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var text = new StreamReader(stream).ReadToEnd();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Contains("\"probeId\":\"website-shoppingdb-sql/sql01/1433\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Restart_NewInstanceOnSameFolder_KeepsUnacknowledgedResults()
    {
        var before = Open(maxBatchSize: 2);
        for (var i = 0; i < 5; i++) before.Add(Result(i));
        before.Acknowledge(before.Peek()!.BatchId); // 0 and 1 delivered
        // No Dispose: the open file is left as a killed process leaves it.

        var after = Open(maxBatchSize: 2);

        Assert.Equal(3, after.Count);
        var delivered = new List<int>();
        while (after.Peek() is { } batch)
        {
            delivered.AddRange(Numbers(batch));
            after.Acknowledge(batch.BatchId);
        }

        Assert.Equal([2, 3, 4], delivered);
    }

    [Fact]
    public void Restart_BatchPeekedBeforeRestart_SameBatchIdAndResultsAfter()
    {
        var before = Open();
        for (var i = 0; i < 4; i++) before.Add(Result(i));
        var sent = before.Peek()!; // sent, central committed, the agent died before the acknowledgement
        before.Add(Result(4));
        before.Dispose();

        var after = Open();
        var again = after.Peek()!;

        Assert.Equal(sent.BatchId, again.BatchId);
        Assert.Equal(Numbers(sent), Numbers(again));
        after.Acknowledge(again.BatchId);
        var next = after.Peek()!;
        Assert.NotEqual(sent.BatchId, next.BatchId);
        Assert.Equal([4], Numbers(next));
    }

    [Fact]
    public void Restart_TwiceWithoutSending_SameBatchIdEachTime()
    {
        var first = Open();
        first.Add(Result(0));
        first.Add(Result(1));
        first.Dispose();

        var ids = new List<Guid>();
        for (var run = 0; run < 2; run++)
        {
            var queue = Open();
            ids.Add(queue.Peek()!.BatchId);
            queue.Dispose();
        }

        Assert.Equal(ids[0], ids[1]);
    }

    [Fact]
    public void Restart_TornLastLine_SkippedWithWarning()
    {
        var before = Open();
        for (var i = 0; i < 3; i++) before.Add(Result(i));
        before.Dispose();
        // Killed in the middle of writing a fourth line.
        File.AppendAllText(Assert.Single(SegmentFiles()), "{\"probeId\":\"website-shoppingdb-sql/sql01/1433\",\"flowId\":\"webs");

        var log = new ListLogger();
        var after = Open(logger: log);

        Assert.Equal(3, after.Count);
        var batch = after.Peek()!;
        Assert.Equal([0, 1, 2], Numbers(batch));
        Assert.Contains(log.Warnings, w => w.Contains("skipped 1 unreadable line", StringComparison.Ordinal));
        // New results go to a new file, never behind the torn line.
        after.Add(Result(3));
        after.Acknowledge(batch.BatchId);
        Assert.Equal([3], Numbers(after.Peek()!));
    }

    [Fact]
    public void Restart_FileOfOnlyATornLine_FileRemoved()
    {
        var before = Open();
        before.Add(Result(0));
        var file = Assert.Single(SegmentFiles());
        before.Acknowledge(before.Peek()!.BatchId);
        File.WriteAllText(file, "{\"probeId\":\"webs");

        var after = Open();

        Assert.Null(after.Peek());
        Assert.Empty(SegmentFiles());
    }

    [Fact]
    public void Peek_OldestFileDeletedByHand_LogsLossAndSendsTheNext()
    {
        var log = new ListLogger();
        var queue = Open(maxBatchSize: 2, logger: log);
        for (var i = 0; i < 6; i++) queue.Add(Result(i));
        File.Delete(SegmentFiles().Order(StringComparer.Ordinal).First());

        Assert.Equal([2, 3], Numbers(queue.Peek()!));
        Assert.Equal(4, queue.Count);
        Assert.Contains(log.Warnings, w => w.Contains("is gone", StringComparison.Ordinal) && w.Contains("2 results are lost", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_OverBound_DropsOldestAndLogsHowMany()
    {
        var log = new ListLogger();
        var queue = Open(maxBatchSize: 100, maxMegabytes: 1, logger: log);
        var detail = new string('x', 1900); // about 2.1 KB a line: 1,100 lines are over twice the bound
        const int total = 1100;
        for (var i = 0; i < total; i++) queue.Add(Result(i, detail));

        Assert.True(queue.Bytes <= 1024 * 1024, $"{queue.Bytes} bytes on the books");
        Assert.True(SegmentFiles().Sum(f => new FileInfo(f).Length) <= 1024 * 1024);
        Assert.True(queue.Dropped > 0);
        Assert.Equal(total, queue.Dropped + queue.Count);
        var reported = log.Warnings
            .Where(w => w.Contains("Agent:OutboxMaxMegabytes", StringComparison.Ordinal))
            .Select(w => int.Parse(w.Split("dropped the ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Sum();
        Assert.Equal(queue.Dropped, reported);

        // What is left is the newest, still oldest first and without holes.
        var left = new List<int>();
        while (queue.Peek() is { } batch)
        {
            left.AddRange(Numbers(batch));
            queue.Acknowledge(batch.BatchId);
        }

        Assert.Equal(Enumerable.Range((int)queue.Dropped, total - (int)queue.Dropped), left);
    }

    [Fact]
    public void Restart_WithSmallerBound_DropsOldestAtStart()
    {
        var before = Open(maxBatchSize: 100, maxMegabytes: 4);
        var detail = new string('x', 1900);
        for (var i = 0; i < 1100; i++) before.Add(Result(i, detail));
        before.Dispose();
        Assert.Equal(0, before.Dropped);

        var log = new ListLogger();
        var after = Open(maxBatchSize: 100, maxMegabytes: 1, logger: log);

        Assert.True(after.Bytes <= 1024 * 1024);
        Assert.Equal(1100, after.Dropped + after.Count);
        Assert.Contains(log.Warnings, w => w.Contains($"dropped the {after.Dropped} oldest results", StringComparison.Ordinal));
        Assert.Equal((int)after.Dropped, Numbers(after.Peek()!)[0]);
    }

    [Fact]
    public void Bound_NeverDropsTheBatchInFlight()
    {
        var queue = Open(maxBatchSize: 100, maxMegabytes: 1);
        var detail = new string('x', 1900);
        for (var i = 0; i < 100; i++) queue.Add(Result(i, detail));
        var inFlight = queue.Peek()!;

        for (var i = 100; i < 1100; i++) queue.Add(Result(i, detail));

        // Central may be committing it right now: it stays until acknowledged.
        Assert.Equal(inFlight.BatchId, queue.Peek()!.BatchId);
        queue.Acknowledge(inFlight.BatchId);
        Assert.True(Numbers(queue.Peek()!)[0] > 100);
    }

    [Fact]
    public async Task AddAndPush_Concurrently_EveryResultDeliveredOnceInOrderPerProducer()
    {
        var queue = Open(maxBatchSize: 7);
        const int producers = 4;
        const int perProducer = 250;
        var delivered = new ConcurrentQueue<ProbeResultDto>();
        using var done = new CancellationTokenSource();

        var pusher = Task.Run(async () =>
        {
            while (true)
            {
                if (queue.Peek() is { } batch)
                {
                    foreach (var r in batch.Results) delivered.Enqueue(r);
                    queue.Acknowledge(batch.BatchId);
                }
                else if (done.IsCancellationRequested)
                {
                    return;
                }
                else
                {
                    await Task.Yield();
                }
            }
        });
        var adds = Enumerable.Range(0, producers).Select(p => Task.Run(() =>
        {
            for (var i = 0; i < perProducer; i++) queue.Add(Result(i, probe: $"website-shoppingdb-sql/sql0{p}/1433"));
        })).ToArray();
        await Task.WhenAll(adds);
        await done.CancelAsync();
        await pusher;

        var all = delivered.ToList();
        Assert.Equal(producers * perProducer, all.Count);
        foreach (var group in all.GroupBy(r => r.ProbeId))
        {
            Assert.Equal(Enumerable.Range(0, perProducer), group.Select(r => (int)r.LatencyMs!.Value));
        }

        Assert.Equal(0, queue.Count);
        Assert.Empty(SegmentFiles());
    }

    [Fact]
    public void Pending_QuietResults_CountSinceTheFirstAndNotUrgent()
    {
        var queue = Open();
        var before = Environment.TickCount64;
        queue.Add(Result(0));
        queue.Add(Result(1));

        var waiting = queue.Pending;

        Assert.Equal(2, waiting.Count);
        Assert.InRange(waiting.Since, before, Environment.TickCount64);
        Assert.False(waiting.Urgent);
    }

    [Fact]
    public void Pending_OneUrgentResult_UrgentUntilSent()
    {
        var queue = Open();
        queue.Add(Result(0));
        queue.Add(Result(1), urgent: true);
        Assert.True(queue.Pending.Urgent);

        var batch = queue.Peek()!;
        queue.Acknowledge(batch.BatchId);
        queue.Add(Result(2));

        Assert.Equal(new ResultQueue.Waiting(1, queue.Pending.Since, false), queue.Pending);
    }

    [Fact]
    public void Pending_Empty_NothingWaits()
    {
        Assert.Equal(0, Open().Pending.Count);
    }

    [Fact]
    public void Pending_BacklogFromBeforeTheStart_Urgent()
    {
        var first = Open();
        first.Add(Result(0));
        first.Dispose();

        var waiting = Open().Pending;

        Assert.Equal(1, waiting.Count);
        Assert.True(waiting.Urgent);
    }

    [Fact]
    public void Pending_WholeBatchSealed_Urgent()
    {
        var queue = Open(maxBatchSize: 2);
        queue.Add(Result(0));
        queue.Add(Result(1));

        Assert.True(queue.Pending.Urgent);
    }

    [Fact]
    public void Pressing_RaisedForTheFirstWaitingTheFirstUrgentAndAFullBatchOnly()
    {
        var queue = Open(maxBatchSize: 4);
        var raised = new List<int>();
        queue.Pressing += () => raised.Add(queue.Count);

        queue.Add(Result(0));               // the first waiting: the push must set its timer
        queue.Add(Result(1));               // quiet: no news
        queue.Add(Result(2), urgent: true); // the first urgent
        queue.Add(Result(3), urgent: true); // fills the batch
        queue.Add(Result(4));               // quiet again, behind a waiting batch

        Assert.Equal([1, 3, 4], raised);
    }

    [Fact]
    public void Add_FirstUnsyncedLine_ArmsOneSyncOnTheClockNotOnePerResult()
    {
        using var clock = new AgentClock();
        var queue = new ResultQueue(Options.Create(new AgentOptions { DataDirectory = _dataDirectory }), new ListLogger(), clock);
        _queues.Add(queue);

        queue.Add(Result(0));
        queue.Add(Result(1));
        queue.Add(Result(2));

        Assert.Equal(1, clock.ArmedCount); // one fsync within SyncInterval for all three, on the clock's thread
        queue.Dispose();
        Assert.Equal(0, clock.ArmedCount);
    }

    [Fact]
    public void Peek_OpenSegment_SendsWhatWasWrittenWithoutReadingItBack()
    {
        var queue = Open();
        for (var i = 0; i < 3; i++) queue.Add(Result(i));
        var path = Assert.Single(SegmentFiles());
        // The file is the durable copy; the send of a just-sealed segment uses the copy in memory.
        File.WriteAllText(path, "");

        Assert.Equal([0, 1, 2], Numbers(queue.Peek()!));
    }

    [Fact]
    public void Peek_AfterRestart_ReadsTheSameResultsFromDisk()
    {
        var first = Open();
        for (var i = 0; i < 3; i++) first.Add(Result(i, detail: $"d{i}"));
        var sent = first.Peek()!;
        first.Dispose();

        var again = Open().Peek()!;

        Assert.Equal(sent.BatchId, again.BatchId);
        Assert.Equal(sent.Results, again.Results);
    }

    public void Dispose()
    {
        foreach (var queue in _queues) queue.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private ResultQueue Open(int maxBatchSize = 500, int maxMegabytes = 256, ILogger<ResultQueue>? logger = null)
    {
        var options = Options.Create(new AgentOptions
        {
            DataDirectory = _dataDirectory,
            MaxBatchSize = maxBatchSize,
            OutboxMaxMegabytes = maxMegabytes,
        });
        var queue = new ResultQueue(options, logger ?? new ListLogger());
        _queues.Add(queue);
        return queue;
    }

    private string[] SegmentFiles() => Directory.GetFiles(Path.Combine(_dataDirectory, ResultQueue.FolderName));

    /// <summary>The number of a result is carried in its latency, so order and holes are easy to read.</summary>
    private static ProbeResultDto Result(int number, string? detail = null, string probe = "website-shoppingdb-sql/sql01/1433") =>
        new(probe, "website-shoppingdb-sql", ProbeOutcome.Reachable, number, detail, Start.AddSeconds(number));

    private static int[] Numbers(ResultQueue.PendingBatch batch) => batch.Results.Select(r => (int)r.LatencyMs!.Value).ToArray();

    /// <summary>Keeps what the outbox logs, so a test can read the warnings an operator would see.</summary>
    private sealed class ListLogger : ILogger<ResultQueue>
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IEnumerable<string> Warnings => _entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
