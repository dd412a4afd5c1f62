using System.Threading.RateLimiting;

namespace ShoppingConnectivity.Central.Security;

/// <summary>
/// A fixed window of <c>permits</c> requests per <c>window</c>, on central's clock, that starts its next window on the
/// first request after the last one ended. It has no timer and is not a <see cref="ReplenishingRateLimiter"/>:
/// replenishing every agent's window on a timer cost 5 % of central's CPU with 2,000 agents at 1,000 results/s, and grows
/// with the number of agents (<see cref="AgentRequestLimiter"/> holds one per agent). No queue: a request past the limit
/// is refused at once, with when to retry.
/// </summary>
public sealed class LazyWindowRateLimiter(int permits, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private readonly Lock _gate = new();
    private long _windowStart = long.MinValue;
    private int _used;
    private long _successful;
    private long _failed;

    /// <summary>How long every permit has been free (the window ended, or nothing used it), or null while some are taken.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                if (_windowStart == long.MinValue) return TimeSpan.Zero;
                var ended = _windowStart + window.Ticks;
                var now = clock.GetUtcNow().UtcTicks;
                return now >= ended ? TimeSpan.FromTicks(now - ended) : _used == 0 ? TimeSpan.FromTicks(now - _windowStart) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = Current(clock.GetUtcNow().UtcTicks) ? permits - _used : permits,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        if (permitCount > permits) throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"At most {permits} permits can be asked at once.");
        lock (_gate)
        {
            var now = clock.GetUtcNow().UtcTicks;
            if (!Current(now))
            {
                _windowStart = now;
                _used = 0;
            }

            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                _successful++;
                return Lease.Acquired;
            }

            _failed++;
            return new Lease(false, TimeSpan.FromTicks(_windowStart + window.Ticks - now));
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>Under the gate: whether a window is running at <paramref name="now"/>.</summary>
    private bool Current(long now) => _windowStart != long.MinValue && now - _windowStart < window.Ticks;

    /// <summary>A lease granted (with nothing attached) or refused with when to retry; <see cref="AgentRequestLimiter"/> grants its unlimited endpoints <see cref="Acquired"/>.</summary>
    internal sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
