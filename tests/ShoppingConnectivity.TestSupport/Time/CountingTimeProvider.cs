using Microsoft.Extensions.Time.Testing;

namespace ShoppingConnectivity.TestSupport.Time;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that counts the timers the code under test created (a Task.Delay on it is one).
/// Code that reads the time and then waits has a moment between the two: a test that waits until the code has
/// created its timer, and only then advances the clock, never lands in that moment.
/// </summary>
public sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timers;

    /// <summary>Timers created so far.</summary>
    public int Timers => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        return timer;
    }

    /// <summary>Waits until at least <paramref name="count"/> timers were created, then moves the clock on by <paramref name="by"/>.</summary>
    public async Task AdvanceOnceWaitingAsync(int count, TimeSpan by, TimeSpan patience)
    {
        await Eventually.AssertAsync(() => Timers >= count, patience, () => $"{Timers} of {count} timers created: the code under test is not waiting yet.");
        Advance(by);
    }
}
