using System.Diagnostics;

namespace ShoppingConnectivity.Agent.Timing;

/// <summary>
/// The agent's timers: one dedicated thread sleeps until the next timer is due and runs its callback itself.
/// Probe starts, probe deadlines, pushes and plan refreshes all run on it.
/// </summary>
/// <remarks>
/// <para>Why not <see cref="TimeProvider.System"/>: each of its firings wakes the runtime's timer thread (which waits
/// in whole milliseconds and so often wakes a few times before a timer is due) and then a thread-pool worker to run
/// the callback; arming a timer sooner than the next one wakes the timer thread too, and every probe arms one (its
/// deadline). On a host the agent only ever waits, so those thread wake-ups were most of its CPU
/// (docs/benchmarks.md, "Agent footprint"). Here a due timer costs one wake-up of one thread, and a deadline that is
/// disarmed before it is due costs none.</para>
/// <para>Callbacks must be short and must not block: they cancel a token or complete a delay, and the code awaiting
/// it runs on this thread up to its first real wait (a connect, a read). A callback that throws is reported to
/// <see cref="Failed"/> and does not stop the clock.</para>
/// </remarks>
public sealed class AgentClock : TimeProvider, IDisposable
{
    /// <summary>The process's clock: timers are a process-wide service, like the runtime's own timer queue.</summary>
    public static AgentClock Shared { get; } = new();

    // A monitor, not a Lock: the thread sleeps with Monitor.Wait (no spinning before it blocks, unlike SemaphoreSlim).
    private readonly object _gate = new();
    private readonly PriorityQueue<Timer, long> _queue = new();
    private readonly List<(Timer Timer, int Generation)> _due = [];
    private Thread? _thread;
    private long _sleepingUntil = long.MaxValue; // timestamp the thread waits for; MaxValue while it runs callbacks
    private bool _disposed;

    /// <summary>A timer callback threw; the clock goes on. The agent logs it.</summary>
    public event Action<Exception>? Failed;

    /// <summary>Timers armed now (tests, diagnostics).</summary>
    public int ArmedCount
    {
        get { lock (_gate) return _queue.Count; }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Stops the thread; timers armed later never fire.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _queue.Clear();
            Monitor.PulseAll(_gate);
        }
    }

    private bool Arm(Timer timer, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(dueTime));
        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(period));
        lock (_gate)
        {
            if (timer.Disposed) return false;
            DisarmLocked(timer);
            timer.Generation++;
            timer.Period = period == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period;
            if (dueTime == Timeout.InfiniteTimeSpan || _disposed) return true;

            var at = GetTimestamp() + TicksOf(dueTime);
            timer.Armed = true;
            _queue.Enqueue(timer, at);
            _thread ??= StartThread();
            // Only a timer due before the one the thread sleeps for needs to wake it.
            if (at < _sleepingUntil) Monitor.Pulse(_gate);
            return true;
        }
    }

    private void Disarm(Timer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            DisarmLocked(timer);
            // Not woken: if this was the timer it sleeps for, it wakes once at that time and finds nothing due.
        }
    }

    private void DisarmLocked(Timer timer)
    {
        if (!timer.Armed) return;
        _queue.Remove(timer, out _, out _, ReferenceEqualityComparer.Instance);
        timer.Armed = false;
    }

    private Thread StartThread()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "Agent clock" };
        thread.UnsafeStart();
        return thread;
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (true)
                {
                    if (_disposed) return;
                    var now = GetTimestamp();
                    while (_queue.TryPeek(out var timer, out var at) && at <= now)
                    {
                        _queue.Dequeue();
                        timer.Armed = false;
                        if (timer.Period != Timeout.InfiniteTimeSpan)
                        {
                            // Fixed rate; a clock that fell behind skips what it missed instead of firing in a burst.
                            var next = at + TicksOf(timer.Period);
                            timer.Armed = true;
                            _queue.Enqueue(timer, next > now ? next : now + TicksOf(timer.Period));
                        }

                        _due.Add((timer, timer.Generation));
                    }

                    if (_due.Count > 0)
                    {
                        _sleepingUntil = long.MaxValue; // busy: arming a timer need not wake it, it looks again after the callbacks
                        break;
                    }

                    _sleepingUntil = _queue.TryPeek(out _, out var first) ? first : long.MaxValue;
                    Monitor.Wait(_gate, _sleepingUntil == long.MaxValue ? Timeout.Infinite : MillisecondsUntil(now, _sleepingUntil));
                }
            }

            foreach (var (timer, generation) in _due)
            {
                try
                {
                    // Changed or disposed since it fell due: that call decided for it.
                    if (timer.Generation == generation && !timer.Disposed) timer.Fire();
                }
                catch (Exception ex)
                {
                    Failed?.Invoke(ex);
                }
            }

            _due.Clear();
        }
    }

    /// <summary>Rounded up, so the thread never wakes before the timer is due (an early wake-up is a wasted one).</summary>
    private static int MillisecondsUntil(long now, long at)
    {
        var ticksPerMs = Stopwatch.Frequency / 1000.0;
        return (int)Math.Min(int.MaxValue - 1, Math.Ceiling((at - now) / ticksPerMs));
    }

    private static long TicksOf(TimeSpan span) => (long)Math.Ceiling(span.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));

    private sealed class Timer(AgentClock clock, TimerCallback callback, object? state) : ITimer
    {
        public TimeSpan Period { get; set; } = Timeout.InfiniteTimeSpan;
        public bool Armed { get; set; }
        public bool Disposed { get; set; }
        public int Generation { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => clock.Arm(this, dueTime, period);

        public void Dispose() => clock.Disarm(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
