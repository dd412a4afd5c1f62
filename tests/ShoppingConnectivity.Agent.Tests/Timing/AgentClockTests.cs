using System.Collections.Concurrent;
using System.Diagnostics;
using ShoppingConnectivity.Agent.Timing;

namespace ShoppingConnectivity.Agent.Tests.Timing;

/// <summary>The agent's timer thread, on real time (each test its own clock).</summary>
public sealed class AgentClockTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly AgentClock _clock = new();

    [Fact]
    public async Task CreateTimer_Due_FiresOnceNotBeforeItsTime()
    {
        var fired = new TaskCompletionSource<TimeSpan>();
        var watch = Stopwatch.StartNew();
        var count = 0;

        using var timer = _clock.CreateTimer(_ => { Interlocked.Increment(ref count); fired.TrySetResult(watch.Elapsed); }, null,
            TimeSpan.FromMilliseconds(150), Timeout.InfiniteTimeSpan);

        Assert.True(await fired.Task.WaitAsync(Wait) >= TimeSpan.FromMilliseconds(150));
        await Task.Delay(300);
        Assert.Equal(1, count);
        Assert.Equal(0, _clock.ArmedCount);
    }

    [Fact]
    public async Task CreateTimer_Callback_RunsOnTheClocksOwnThread()
    {
        var thread = new TaskCompletionSource<string?>();

        using var timer = _clock.CreateTimer(_ => thread.TrySetResult(Thread.CurrentThread.Name), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);

        Assert.Equal("Agent clock", await thread.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task TaskDelay_OnTheClock_ContinuesOnTheClocksThreadWithoutAPoolThread()
    {
        var (name, pool) = await ThreadAfterDelayAsync(_clock);

        // The code after the delay runs where the timer fired: one thread woken, not a timer thread and a worker.
        Assert.Equal("Agent clock", name);
        Assert.False(pool);
    }

    /// <summary>As the agent's loops await (no synchronization context to go back to).</summary>
    private static async Task<(string? Name, bool Pool)> ThreadAfterDelayAsync(TimeProvider clock)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(20), clock).ConfigureAwait(false);
        return (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
    }

    [Fact]
    public async Task CreateTimer_Many_FireInDueOrder()
    {
        var order = new ConcurrentQueue<int>();
        var all = new CountdownEvent(5);
        int[] dues = [250, 50, 200, 100, 150];
        var timers = dues.Select(ms => _clock.CreateTimer(_ => { order.Enqueue(ms); all.Signal(); }, null,
            TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan)).ToList();

        Assert.True(await Task.Run(() => all.Wait(Wait)));

        Assert.Equal([50, 100, 150, 200, 250], order.ToArray());
        timers.ForEach(t => t.Dispose());
    }

    [Fact]
    public async Task Dispose_BeforeDue_NeverFiresAndLeavesNothingArmed()
    {
        var fired = false;
        var timer = _clock.CreateTimer(_ => fired = true, null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
        Assert.Equal(1, _clock.ArmedCount);

        timer.Dispose();
        await Task.Delay(300);

        Assert.False(fired);
        Assert.Equal(0, _clock.ArmedCount);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Change_SoonerThanTheClockSleeps_WakesItForTheNewTime()
    {
        var fired = new TaskCompletionSource();
        using var far = _clock.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        using var timer = _clock.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromMinutes(5), Timeout.InfiniteTimeSpan);
        await Task.Delay(50); // the clock is asleep for minutes now

        var watch = Stopwatch.StartNew();
        timer.Change(TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        await fired.Task.WaitAsync(Wait);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"fired after {watch.Elapsed}");
    }

    [Fact]
    public async Task CreateTimer_Periodic_FiresEveryPeriodUntilDisposed()
    {
        var count = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var timer = _clock.CreateTimer(_ => Interlocked.Increment(ref count), null, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100));

        await Task.Delay(580);
        timer.Dispose();
        var lived = watch.Elapsed;
        var atDispose = Volatile.Read(ref count);
        await Task.Delay(300);

        // Due at 50, 150, 250 ... ms, never early: at most one fire per due time the timer lived to see (6 when the
        // delay above keeps to its 580 ms; a busy machine oversleeps it, and more are due by then).
        var due = (int)((lived.TotalMilliseconds - 50) / 100) + 1;
        Assert.InRange(atDispose, 3, due);
        Assert.Equal(atDispose, Volatile.Read(ref count));
    }

    [Fact]
    public async Task CreateTimer_CallbackThrows_ReportsItAndGoesOn()
    {
        var failed = new TaskCompletionSource<Exception>();
        var next = new TaskCompletionSource();
        _clock.Failed += ex => failed.TrySetResult(ex);

        using var bad = _clock.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan);
        using var good = _clock.CreateTimer(_ => next.TrySetResult(), null, TimeSpan.FromMilliseconds(60), Timeout.InfiniteTimeSpan);

        Assert.Equal("boom", (await failed.Task.WaitAsync(Wait)).Message);
        await next.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task CancellationTokenSource_OnTheClock_CancelsAtItsDelay()
    {
        using var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(100), _clock);
        var cancelled = new TaskCompletionSource<string?>();
        source.Token.Register(() => cancelled.TrySetResult(Thread.CurrentThread.Name));

        Assert.Equal("Agent clock", await cancelled.Task.WaitAsync(Wait));
    }

    public void Dispose() => _clock.Dispose();
}
