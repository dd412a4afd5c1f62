namespace ShoppingConnectivity.TestSupport;

/// <summary>
/// Waits for something another process or thread brings about (a mail in a maildir, a row written by a real agent, a
/// file watcher's import). Time the code under test measures itself goes through a FakeTimeProvider instead.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>True once <paramref name="condition"/> holds, false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(Poll);
        }

        return true;
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan timeout) => HoldsAsync(() => Task.FromResult(condition()), timeout);

    /// <summary>Fails with <paramref name="explain"/>'s words when <paramref name="condition"/> does not hold within <paramref name="timeout"/>.</summary>
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> explain)
    {
        if (!await HoldsAsync(condition, timeout)) throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {explain()}");
    }

    public static Task AssertAsync(Func<bool> condition, TimeSpan timeout, Func<string> explain) =>
        AssertAsync(() => Task.FromResult(condition()), timeout, explain);
}
