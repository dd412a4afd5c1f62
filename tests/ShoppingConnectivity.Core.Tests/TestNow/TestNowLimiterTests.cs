using ShoppingConnectivity.Core.TestNow;

namespace ShoppingConnectivity.Core.Tests.TestNow;

public sealed class TestNowLimiterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryAcquire_FirstClick_Allowed() =>
        Assert.Null(new TestNowLimiter(TimeSpan.FromSeconds(10)).TryAcquire("edge:a", Now));

    [Fact]
    public void TryAcquire_SecondClickWithinSpacing_RefusedUntilSpacingAfterTheFirst()
    {
        var limiter = new TestNowLimiter(TimeSpan.FromSeconds(10));
        limiter.TryAcquire("edge:a", Now);

        Assert.Equal(Now.AddSeconds(10), limiter.TryAcquire("edge:a", Now.AddSeconds(3)));
        // A refused click does not push the next chance back.
        Assert.Equal(Now.AddSeconds(10), limiter.TryAcquire("edge:a", Now.AddSeconds(9.9)));
        Assert.Null(limiter.TryAcquire("edge:a", Now.AddSeconds(10)));
    }

    [Fact]
    public void TryAcquire_OtherTarget_NotLimitedByTheFirst()
    {
        var limiter = new TestNowLimiter(TimeSpan.FromSeconds(10));
        limiter.TryAcquire("edge:a", Now);

        Assert.Null(limiter.TryAcquire("edge:b", Now.AddSeconds(1)));
    }

    [Fact]
    public void Release_AfterAcquire_NextClickAllowed()
    {
        var limiter = new TestNowLimiter(TimeSpan.FromSeconds(10));
        limiter.TryAcquire("host:web01", Now);

        limiter.Release("host:web01", Now);

        Assert.Null(limiter.TryAcquire("host:web01", Now.AddSeconds(1)));
    }

    [Fact]
    public void TryAcquire_ManyKeys_ForgetsThoseWhoseSpacingPassed()
    {
        var limiter = new TestNowLimiter(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 1100; i++) limiter.TryAcquire($"link:{i}", Now);

        Assert.Null(limiter.TryAcquire("link:new", Now.AddSeconds(20)));
        Assert.Null(limiter.TryAcquire("link:5", Now.AddSeconds(20)));
    }
}
