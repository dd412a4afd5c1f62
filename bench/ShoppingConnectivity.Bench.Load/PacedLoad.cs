using System.Diagnostics;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// An estate's steady traffic: agents in turn each post one batch of 5-15 results (what an agent sends in steady
/// state), paced so the whole fleet sends <c>resultsPerSecond</c> whatever central's answers take (open loop, as real
/// agents on their own schedules), at most <c>inFlight</c> requests at once.
/// </summary>
public sealed class PacedLoad(HttpClient http, IReadOnlyList<SimAgent> agents, double resultsPerSecond, int inFlight = 64)
{
    public RequestStats Stats { get; } = new();

    public async Task RunAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var senders = agents.Where(a => a.Probes.Count > 0).ToList();
        var factory = new ResultFactory(7);
        var random = new Random(8);
        var gate = new SemaphoreSlim(inFlight);
        var clock = Stopwatch.StartNew();
        var pending = new List<Task>();
        long sent = 0;
        var next = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (clock.Elapsed < duration && await tick.WaitForNextTickAsync(cancellationToken))
        {
            var due = (long)(resultsPerSecond * clock.Elapsed.TotalSeconds);
            while (sent < due)
            {
                var agent = senders[next++ % senders.Count];
                var batch = new ResultBatch(Guid.NewGuid(), factory.Backlog(agent, random.Next(5, 16), TimeSpan.FromSeconds(1), DateTimeOffset.UtcNow));
                sent += batch.Results.Count;
                if (!await gate.WaitAsync(0, cancellationToken))
                {
                    Stats.Add(0, "not sent: too many in flight", 0);
                    continue;
                }

                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        await IngestBenchmark.PostUntilTakenAsync(http, agent, batch, Stats, clock, duration + TimeSpan.FromSeconds(30));
                    }
                    finally
                    {
                        gate.Release();
                    }
                }, cancellationToken));
            }

            pending.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(pending);
    }
}
