namespace ShoppingConnectivity.Central.Live;

/// <summary>
/// Coalesces the live state's change notifications for one component (one circuit): at most one refresh per
/// period, however many batches arrive, and never two refreshes at once. The first change after a quiet spell is
/// shown one period later, which bounds the delay a change takes to reach the screen.
/// </summary>
public sealed class LiveThrottle : IDisposable
{
    private readonly LiveState _live;
    private readonly Func<Task> _refresh;
    private readonly ITimer _timer;
    private readonly int _periodMs;
    private int _pending;
    private int _disposed;

    /// <summary>Change notifications so far: one that came during a refresh asks for another, even with no new version.</summary>
    private long _notified;

    /// <param name="refresh">Runs on the component's dispatcher (pass a lambda calling InvokeAsync).</param>
    public LiveThrottle(LiveState live, TimeProvider clock, int periodMs, Func<Task> refresh)
    {
        _live = live;
        _refresh = refresh;
        _periodMs = periodMs;
        _timer = clock.CreateTimer(_ => _ = FlushAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        live.Changed += OnChanged;
    }

    /// <summary>Refreshes that ran; the benchmark and the tests read it.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    private int _refreshes;

    private void OnChanged()
    {
        Interlocked.Increment(ref _notified);
        if (Interlocked.Exchange(ref _pending, 1) == 0 && Volatile.Read(ref _disposed) == 0)
        {
            try
            {
                _timer.Change(TimeSpan.FromMilliseconds(_periodMs), Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The component went away between the two checks.
            }
        }
    }

    private async Task FlushAsync()
    {
        if (Volatile.Read(ref _disposed) != 0) return;
        var notified = Interlocked.Read(ref _notified);
        try
        {
            await _refresh();
            Interlocked.Increment(ref _refreshes);
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed while a refresh was due.
        }
        finally
        {
            // Changes that came in while rendering are picked up by the next period, not lost. Not only new versions:
            // the live state's reminder to read again (its edges were paced, so this refresh got the last ones) brings
            // none, and a refresh that began before it would otherwise leave the old edges on the screen.
            Interlocked.Exchange(ref _pending, 0);
            if (Interlocked.Read(ref _notified) != notified && Volatile.Read(ref _disposed) == 0) OnChanged();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _live.Changed -= OnChanged;
        _timer.Dispose();
    }
}
