using ShoppingConnectivity.Core.Agents;

namespace ShoppingConnectivity.Core.Tests.Agents;

public class FailureThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_PastTheFreeOnes_LocksOutForADoublingTimeUpToTheLongest()
    {
        var throttle = new FailureThrottle(3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

        var lockouts = Enumerable.Range(0, 7).Select(_ => throttle.Failed("a", T0)).ToList();

        Assert.Equal(new[] { 0, 0, 0, 2, 4, 8, 10 }.Select(s => TimeSpan.FromSeconds(s)), lockouts);
        Assert.Equal(TimeSpan.FromSeconds(10), throttle.WaitFor("a", T0));
        Assert.Equal(TimeSpan.FromSeconds(4), throttle.WaitFor("a", T0.AddSeconds(6)));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("a", T0.AddSeconds(10)));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("b", T0));
    }

    [Fact]
    public void Succeeded_ForgetsTheKey()
    {
        var throttle = new FailureThrottle(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        throttle.Failed("a", T0);
        throttle.Failed("a", T0);

        throttle.Succeeded("a");

        Assert.Equal((TimeSpan.Zero, 0), (throttle.WaitFor("a", T0), throttle.FailuresOf("a", T0)));
        Assert.Equal(TimeSpan.Zero, throttle.Failed("a", T0));
    }

    [Fact]
    public void Failed_AfterALongQuiet_StartsAgainFromNothing()
    {
        var throttle = new FailureThrottle(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        throttle.Failed("a", T0);
        throttle.Failed("a", T0);

        var later = T0 + throttle.ForgetAfter + TimeSpan.FromSeconds(1);

        Assert.Equal(0, throttle.FailuresOf("a", later));
        Assert.Equal(TimeSpan.Zero, throttle.Failed("a", later));
    }

    [Fact]
    public void Failed_ManyKeys_KeepsAtMostTheCapacityDroppingTheQuietest()
    {
        var throttle = new FailureThrottle(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), capacity: 100);

        for (var i = 0; i < 1000; i++) throttle.Failed($"10.0.{i / 256}.{i % 256}", T0.AddMilliseconds(i));

        Assert.InRange(throttle.Count, 90, 100);
        Assert.Equal(1, throttle.FailuresOf("10.0.3.231", T0.AddSeconds(1)));
        Assert.Equal(0, throttle.FailuresOf("10.0.0.0", T0.AddSeconds(1)));
    }
}
