#:project ../../src/ShoppingConnectivity.Agent/ShoppingConnectivity.Agent.csproj
#:property PublishAot=false
// Figures of the agent's disk outbox: cost of one append (one write(2); synced to disk within ResultQueue.SyncInterval), disk per result, the cost of
// sending a backlog (peek + acknowledge per batch) and of reopening a day's backlog at start.
// Run: dotnet run bench/outbox/outbox-bench.cs [folder]   (default: a fresh folder under the temp folder)
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Contracts;

var root = Path.Combine(args.Length > 0 ? args[0] : Path.GetTempPath(), "sc-outbox-bench-" + Guid.NewGuid().ToString("N"));
var options = Options.Create(new AgentOptions { DataDirectory = root, MaxBatchSize = 500, OutboxMaxMegabytes = 256 });
var at = DateTimeOffset.UtcNow;

// A realistic mix: most results reachable without detail, some refused or timed out with a short detail.
ProbeResultDto Result(int i) => (i % 10) switch
{
    0 => new("central-activeefficiency-http/ae01/80", "central-activeefficiency-http", ProbeOutcome.Refused, 0.4, "Connection refused by 10.0.0.17:80", at.AddSeconds(i)),
    1 => new("website-dc-ldap/dc01/389", "website-dc-ldap", ProbeOutcome.TimedOut, null, "No answer within 3000 ms", at.AddSeconds(i)),
    _ => new("website-shoppingdb-sql/sql01/1433", "website-shoppingdb-sql", ProbeOutcome.Reachable, 1.73, null, at.AddSeconds(i)),
};

try
{
    const int appends = 3000;
    var times = new double[appends];
    using (var queue = new ResultQueue(options, NullLogger<ResultQueue>.Instance))
    {
        for (var i = 0; i < 200; i++) queue.Add(Result(i)); // warm up JIT and file system
        while (queue.Peek() is { } warm) queue.Acknowledge(warm.BatchId);

        for (var i = 0; i < appends; i++)
        {
            var start = Stopwatch.GetTimestamp();
            queue.Add(Result(i));
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(times);
        var perResult = (double)queue.Bytes / queue.Count;
        Console.WriteLine($"append (one write, synced within {ResultQueue.SyncInterval.TotalSeconds:N0} s), {appends} results: mean {times.Average():N0} us, p50 {times[appends / 2]:N0} us, p99 {times[appends * 99 / 100]:N0} us, max {times[^1]:N0} us");
        Console.WriteLine($"disk per result: {perResult:N0} bytes (mix: 80% reachable without detail, 20% failures with a short detail)");
        Console.WriteLine($"256 MB bound holds about {256.0 * 1024 * 1024 / perResult:N0} results; a day of a server (30 a minute) is {43_200 * perResult / (1024 * 1024):N1} MB, of a client (5 a minute) {7_200 * perResult / (1024 * 1024):N1} MB");

        var send = Stopwatch.StartNew();
        var batches = 0;
        while (queue.Peek() is { } batch)
        {
            queue.Acknowledge(batch.BatchId);
            batches++;
        }

        Console.WriteLine($"drain {appends} results in {batches} batches of 500 (read + parse + delete, no network): {send.Elapsed.TotalMilliseconds / batches:N2} ms a batch");
    }

    // A day of a busy server's results waiting, written without fsync per line (fast), then reopened as at a restart.
    const int day = 43_200;
    using (var writer = new ResultQueue(options, NullLogger<ResultQueue>.Instance))
    {
        var dir = writer.DirectoryPath;
        var lines = Enumerable.Range(0, day).Select(i => System.Text.Json.JsonSerializer.Serialize(Result(i), ShoppingConnectivity.Contracts.ContractsJson.Options)).ToList();
        for (var s = 0; s * 500 < day; s++)
        {
            File.WriteAllLines(Path.Combine(dir, $"{s + 1:D12}-{Guid.NewGuid():N}.jsonl"), lines.Skip(s * 500).Take(500));
        }
    }

    var open = Stopwatch.StartNew();
    using (var reopened = new ResultQueue(options, NullLogger<ResultQueue>.Instance))
    {
        var opened = open.Elapsed.TotalMilliseconds;
        var first = reopened.Peek()!;
        Console.WriteLine($"restart with a day's backlog ({reopened.Count:N0} results, {reopened.Bytes / (1024 * 1024.0):N1} MB in {(day + 499) / 500} files): open {opened:N0} ms, first batch of {first.Results.Count} ready after {open.Elapsed.TotalMilliseconds:N0} ms");
    }

    Console.WriteLine($"bench process working set at the end: {Environment.WorkingSet / (1024 * 1024)} MB (the outbox keeps in memory only the open segment, at most one batch, and the batch in flight)");
}
finally
{
    Directory.Delete(root, recursive: true);
}
