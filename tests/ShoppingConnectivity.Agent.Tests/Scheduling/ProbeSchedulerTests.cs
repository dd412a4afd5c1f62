using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Outbox;
using ShoppingConnectivity.Agent.Probes;
using ShoppingConnectivity.Agent.Scheduling;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Time;

namespace ShoppingConnectivity.Agent.Tests.Scheduling;

public sealed class ProbeSchedulerTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How long a probe may take to reach the outbox once the clock said it is due: a loopback connect.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _data = new("scheduler");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ProbeSchedulerTests() => _listener.Start(backlog: 64); // connects complete in the backlog; nothing is accepted

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    [Fact]
    public async Task Apply_TwoProbesEverySecond_EachRunsEveryIntervalIntoTheOutbox()
    {
        using var queue = Queue();
        var clock = new CountingTimeProvider(Start);
        var scheduler = Scheduler(queue, clock);

        await scheduler.ApplyAsync(Plan("v1", "a", "b"), CancellationToken.None);
        for (var second = 1; second <= 3; second++)
        {
            // Each probe's first run falls within the first interval (its jitter), then one per interval: once both
            // loops wait for their next run, a second passes.
            await clock.AdvanceOnceWaitingAsync(2 * second, TimeSpan.FromSeconds(1), Patience);
            await Eventually.AssertAsync(() => queue.Count >= 2 * second, Patience, () => $"{queue.Count} results after {second} s");
        }

        await scheduler.StopAsync(CancellationToken.None);

        var results = queue.Peek()!.Results;
        Assert.All(results, r => Assert.Equal(ProbeOutcome.Reachable, r.Outcome));
        foreach (var id in new[] { "a", "b" })
        {
            var runs = results.Where(r => r.ProbeId == id).Select(r => r.At).Order().ToList();
            Assert.Equal(3, runs.Count);
            // One interval apart: no burst, no gap.
            Assert.All(runs.Zip(runs.Skip(1), (x, y) => y - x), gap => Assert.Equal(TimeSpan.FromSeconds(1), gap));
        }
    }

    [Fact]
    public async Task Apply_NewPlan_OldPlansProbesStopAndNewOnesRun()
    {
        using var queue = Queue();
        var clock = new CountingTimeProvider(Start);
        var scheduler = Scheduler(queue, clock);
        await scheduler.ApplyAsync(Plan("v1", "old"), CancellationToken.None);
        await clock.AdvanceOnceWaitingAsync(1, TimeSpan.FromSeconds(1), Patience);
        await Eventually.AssertAsync(() => queue.Count >= 1 && clock.Timers >= 2, Patience, () => "the old plan's probe did not run");

        var replaced = clock.GetUtcNow();
        var before = queue.Count;
        await scheduler.ApplyAsync(Plan("v2", "new"), CancellationToken.None);
        for (var second = 1; second <= 2; second++)
        {
            await clock.AdvanceOnceWaitingAsync(2 + second, TimeSpan.FromSeconds(1), Patience);
            await Eventually.AssertAsync(() => queue.Count >= before + second, Patience, () => $"{queue.Count - before} runs of the new plan after {second} s");
        }

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

    [Fact]
    public async Task RunNow_AskedProbesOfThePlan_RunAtOnceIntoTheOutboxAsUrgent()
    {
        using var queue = Queue();
        var clock = new CountingTimeProvider(Start);
        var scheduler = Scheduler(queue, clock);
        await scheduler.ApplyAsync(Plan("v1", "a", "b", "c"), CancellationToken.None);

        // No time passes: the loops still wait for their first slot.
        var ran = await scheduler.RunNowAsync(new AgentRequest(Guid.NewGuid(), ["a", "c", "gone"]));

        Assert.Equal(2, ran);
        Assert.Equal(2, queue.Count);
        Assert.True(queue.Pending.Urgent);
        Assert.Equal(["a", "c"], queue.Peek()!.Results.Select(r => r.ProbeId).Order(StringComparer.Ordinal));
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunNow_BeforeAnyPlan_RunsNothing()
    {
        using var queue = Queue();
        var scheduler = Scheduler(queue, new CountingTimeProvider(Start));

        Assert.Equal(0, await scheduler.RunNowAsync(new AgentRequest(Guid.NewGuid(), ["a"])));
        Assert.Equal(0, queue.Count);
    }

    private ResultQueue Queue() =>
        new(Options.Create(new AgentOptions { DataDirectory = _data.Path }), NullLogger<ResultQueue>.Instance);

    private static ProbeScheduler Scheduler(ResultQueue queue, TimeProvider clock) =>
        new(new ProbeRunner([new TcpProbe()], Options.Create(new AgentOptions())), queue, clock, NullLogger<ProbeScheduler>.Instance);

    private AgentPlan Plan(string version, params string[] probeIds) =>
        new("agent-1", "web01", version, [.. probeIds.Select(id => new PlannedProbe(id, "flow", ProbeKinds.Tcp, "t", "127.0.0.1", Port, 2000, 1))]);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        _data.Dispose();
    }
}
