namespace ShoppingConnectivity.Core.Agents;

/// <summary>
/// Counts failed attempts per key (a client address, or one key for all of them) and locks a key out for a time that
/// doubles with each failure past the free ones, so guessing gets slower the longer it goes on. A success forgets the
/// key; a key quiet for <see cref="ForgetAfter"/> is forgotten too. At most <see cref="Capacity"/> keys are kept (the
/// quietest go first), so a flood of addresses cannot grow it without bound. Thread-safe; time is passed in.
/// </summary>
public sealed class FailureThrottle(int freeFailures, TimeSpan firstLockout, TimeSpan longestLockout, int capacity = 10_000)
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int FreeFailures { get; } = freeFailures;

    public TimeSpan FirstLockout { get; } = firstLockout;

    public TimeSpan LongestLockout { get; } = longestLockout;

    public int Capacity { get; } = capacity;

    /// <summary>A key with no failure for this long starts again from nothing.</summary>
    public TimeSpan ForgetAfter => LongestLockout * 2;

    public int Count
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }

    /// <summary>How long <paramref name="key"/> must still wait, or zero when it may try now.</summary>
    public TimeSpan WaitFor(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry)) return TimeSpan.Zero;
            if (now - entry.LastFailure > ForgetAfter)
            {
                _entries.Remove(key);
                return TimeSpan.Zero;
            }

            return entry.LockedUntil > now ? entry.LockedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>Failures of <paramref name="key"/> on record (zero once forgotten).</summary>
    public int FailuresOf(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) && now - entry.LastFailure <= ForgetAfter ? entry.Failures : 0;
        }
    }

    /// <summary>Counts a failure; returns how long the key is locked out from now (zero while failures are free).</summary>
    public TimeSpan Failed(string key, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var entry) || now - entry.LastFailure > ForgetAfter)
            {
                if (!_entries.ContainsKey(key) && _entries.Count >= Capacity) EvictQuietestTenth();
                entry = new Entry();
            }

            entry.Failures++;
            entry.LastFailure = now;
            var past = entry.Failures - FreeFailures;
            var lockout = past <= 0 ? TimeSpan.Zero : LockoutAfter(past);
            entry.LockedUntil = now + lockout;
            _entries[key] = entry;
            return lockout;
        }
    }

    /// <summary>A success: the key starts again from nothing.</summary>
    public void Succeeded(string key)
    {
        lock (_gate) _entries.Remove(key);
    }

    /// <summary>The lockout after the <paramref name="past"/>-th failure past the free ones: doubling, capped.</summary>
    public TimeSpan LockoutAfter(int past)
    {
        var doublings = Math.Min(past - 1, 30);
        var ticks = FirstLockout.Ticks * Math.Pow(2, doublings);
        return ticks >= LongestLockout.Ticks ? LongestLockout : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Makes room for a tenth more keys at once, so a flood of new keys costs one sort per tenth, not one scan each.</summary>
    private void EvictQuietestTenth()
    {
        foreach (var key in _entries.OrderBy(e => e.Value.LastFailure).Take(Math.Max(1, Capacity / 10)).Select(e => e.Key).ToList())
            _entries.Remove(key);
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
