using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Scheduling;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Agent.Tests.Scheduling;

public sealed class ProbeSchedulerTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TempDirectory _data = new("scheduler");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ProbeSchedulerTests() => _listener.Start(backlog: 64); // connects complete in the backlog; nothing is accepted

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task Apply_TwoProbesEverySecond_EachRunsEveryIntervalIntoTheOutbox()
    {
        using var queue = Queue();
        var scheduler = Scheduler(queue);

        await scheduler.ApplyAsync(Plan("v1", "a", "b"), CancellationToken.None);
        await WaitUntil(() => queue.Count >= 6, TimeSpan.FromSeconds(15));
        await scheduler.StopAsync(CancellationToken.None);

        var results = queue.Peek()!.Results;
        Assert.All(results, r => Assert.Equal(ProbeOutcome.Reachable, r.Outcome));
        foreach (var id in new[] { "a", "b" })
        {
            var runs = results.Where(r => r.ProbeId == id).Select(r => r.At).Order().ToList();
            Assert.True(runs.Count >= 2, $"{id} ran {runs.Count} times");
            // One interval apart (1 s), give or take the timer and the connect: no burst, no gap.
            Assert.All(runs.Zip(runs.Skip(1), (x, y) => (y - x).TotalSeconds), gap => Assert.InRange(gap, 0.5, 1.9));
        }
    }

    [Fact]
    public async Task Apply_NewPlan_OldPlansProbesStopAndNewOnesRun()
    {
        using var queue = Queue();
        var scheduler = Scheduler(queue);
        await scheduler.ApplyAsync(Plan("v1", "old"), CancellationToken.None);
        await WaitUntil(() => queue.Count >= 1, TimeSpan.FromSeconds(10));

        var replaced = DateTimeOffset.UtcNow;
        await scheduler.ApplyAsync(Plan("v2", "new"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await scheduler.StopAsync(CancellationToken.None);

        var results = queue.Peek()!.Results;
        Assert.Contains(results, r => r.ProbeId == "new");
        // A run of the old plan under way when the plan changed may finish; none starts after.
        Assert.DoesNotContain(results, r => r.ProbeId == "old" && r.At > replaced);
    }

    [Fact]
    public void Jitter_SameHostAndProbe_IsTheSameEveryTime()
    {
        Assert.Equal(
            ProbeScheduler.Jitter("pc0001", "client-website-http/web01/80", Minute),
            ProbeScheduler.Jitter("PC0001", "client-website-http/web01/80", Minute));
    }

    [Fact]
    public void Jitter_ThousandClientsWithTheSamePlan_SpreadOverTheInterval()
    {
        var offsets = Enumerable.Range(0, 1000)
            .Select(i => ProbeScheduler.Jitter($"pc{i:0000}", "client-website-http/web01/80", Minute).TotalSeconds)
            .ToList();

        Assert.All(offsets, o => Assert.InRange(o, 0, 60));
        // Every 10-second slice of the minute gets a fair share: no thundering herd on the Website.
        var slices = offsets.GroupBy(o => (int)(o / 10)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, slices.Count);
        Assert.All(slices.Values, count => Assert.InRange(count, 100, 240));
    }

    [Fact]
    public void Jitter_LongInterval_StaysWithinTheFirstMinute()
    {
        var offsets = Enumerable.Range(0, 200).Select(i => ProbeScheduler.Jitter("web01", $"flow/t{i}/1", TimeSpan.FromHours(1)));

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, Minute));
    }

    [Fact]
    public void Jitter_ShortInterval_StaysWithinIt()
    {
        var offsets = Enumerable.Range(0, 200).Select(i => ProbeScheduler.Jitter("web01", $"flow/t{i}/1", TimeSpan.FromSeconds(5)));

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }

    private ResultQueue Queue() =>
        new(Options.Create(new AgentOptions { DataDirectory = _data.Path }), NullLogger<ResultQueue>.Instance);

    private static ProbeScheduler Scheduler(ResultQueue queue) =>
        new(new ProbeRunner([new TcpProbe()], Options.Create(new AgentOptions())), queue, TimeProvider.System, NullLogger<ProbeScheduler>.Instance);

    private AgentPlan Plan(string version, params string[] probeIds) =>
        new("agent-1", "web01", version, [.. probeIds.Select(id => new PlannedProbe(id, "flow", ProbeKinds.Tcp, "t", "127.0.0.1", Port, 2000, 1))]);

    private static async Task WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > end) throw new TimeoutException($"Not reached within {timeout}.");
            await Task.Delay(50);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        _data.Dispose();
    }
}
