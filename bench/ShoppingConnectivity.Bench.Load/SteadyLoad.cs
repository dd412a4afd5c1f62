using System.Collections.Concurrent;
using System.Diagnostics;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The estate's ordinary traffic, open loop: batches due at a fixed pace (rate / mean batch size per second), each
/// sent by the next agent with nothing in flight; a batch due while every agent is busy waits for one, and is
/// counted late when sent more than 1 s after it was due.
/// </summary>
public sealed class SteadyLoad(HttpClient http, IReadOnlyList<SimAgent> agents, int rate, int minBatch, int maxBatch)
{
    private int _late; // written by RunAsync alone

    public RequestStats Stats { get; } = new();

    public int Late => _late;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var idle = new ConcurrentQueue<SimAgent>(agents.OrderBy(_ => Random.Shared.Next()));
        var perSecond = rate / ((minBatch + maxBatch) / 2.0);
        var factory = new ResultFactory(21);
        var random = new Random(22);
        var inFlight = new ConcurrentDictionary<Task, byte>();
        var clock = Stopwatch.StartNew();
        long sent = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * perSecond);
            for (; sent < due; sent++)
            {
                if (!idle.TryDequeue(out var agent)) break;
                if (clock.Elapsed.TotalSeconds - sent / perSecond > 1) _late++;

                var batch = new ResultBatch(Guid.NewGuid(), factory.Backlog(agent, random.Next(minBatch, maxBatch + 1), TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow));
                var task = Task.Run(async () =>
                {
                    await IngestBenchmark.PostUntilTakenAsync(http, agent, batch, Stats);
                    idle.Enqueue(agent);
                }, CancellationToken.None);
                inFlight[task] = 0;
                _ = task.ContinueWith(t => inFlight.TryRemove(t, out _), TaskScheduler.Default);
            }

            try
            {
                await Task.Delay(5, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await Task.WhenAll(inFlight.Keys);
    }
}
