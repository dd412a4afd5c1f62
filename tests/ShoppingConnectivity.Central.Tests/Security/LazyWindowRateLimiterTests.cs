using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.Tests.Security;

public sealed class LazyWindowRateLimiterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AttemptAcquire_PastThePermits_RefusedWithRetryAfterTheWindowsEnd()
    {
        using var limiter = new LazyWindowRateLimiter(3, Minute, _clock);
        for (var i = 0; i < 3; i++) Assert.True(limiter.AttemptAcquire().IsAcquired);
        _clock.Advance(TimeSpan.FromSeconds(20));

        using var refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal((3, 1), (limiter.GetStatistics()!.TotalSuccessfulLeases, limiter.GetStatistics()!.TotalFailedLeases));
    }

    [Fact]
    public void AttemptAcquire_OnceTheWindowEnded_EveryPermitAgainFromThatRequest()
    {
        using var limiter = new LazyWindowRateLimiter(2, Minute, _clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);

        _clock.Advance(Minute);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired); // the new window began with the first request after the old one
    }

    [Fact]
    public void IdleDuration_PermitsTakenThenTheWindowEnds_NullThenTheTimeSinceItsEnd()
    {
        using var limiter = new LazyWindowRateLimiter(5, Minute, _clock);
        Assert.Equal(TimeSpan.Zero, limiter.IdleDuration); // never used: the partitioned limiter may drop it

        limiter.AttemptAcquire();
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(limiter.IdleDuration);

        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), limiter.IdleDuration);
    }

    [Fact]
    public async Task AcquireAsync_PastThePermits_RefusedAtOnceWithoutQueueing()
    {
        using var limiter = new LazyWindowRateLimiter(1, Minute, _clock);
        Assert.True((await limiter.AcquireAsync()).IsAcquired);

        var second = limiter.AcquireAsync();

        Assert.True(second.IsCompleted);
        Assert.False((await second).IsAcquired);
    }
}
