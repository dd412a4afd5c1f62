namespace ShoppingConnectivity.Core.TestNow;

/// <summary>
/// At most one "Test now" per target (edge, host or link) per <see cref="Spacing"/>: a second click within it is told
/// when it may be tried again. Thread-safe; the time is handed in (central's TimeProvider).
/// </summary>
public sealed class TestNowLimiter(TimeSpan spacing)
{
    /// <summary>The spacing central uses: once per 10 s per edge, host or link.</summary>
    public static readonly TimeSpan DefaultSpacing = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public TimeSpan Spacing { get; } = spacing;

    /// <summary>
    /// Null when <paramref name="key"/> may be tested at <paramref name="now"/> (and the test is counted from then);
    /// otherwise the moment it may be tried again (nothing is counted).
    /// </summary>
    public DateTimeOffset? TryAcquire(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_last.TryGetValue(key, out var last) && now - last < Spacing) return last + Spacing;
            _last[key] = now;
            // Keys whose spacing passed are forgotten now and then, so a long life does not keep every key ever tested.
            if (_last.Count > 1024)
            {
                foreach (var old in _last.Where(e => now - e.Value >= Spacing).Select(e => e.Key).ToList()) _last.Remove(old);
            }

            return null;
        }
    }

    /// <summary>Gives <paramref name="key"/> back (the test asked nobody after all), so the next click is not refused.</summary>
    public void Release(string key, DateTimeOffset acquiredAt)
    {
        lock (_gate)
        {
            if (_last.TryGetValue(key, out var last) && last == acquiredAt) _last.Remove(key);
        }
    }
}
