using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Security;

namespace ShoppingConnectivity.Central.Tests.Security;

/// <summary>The per-address count of failed sign-ins on its own: what is one address, what is given back, the memory bound.</summary>
public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    private SignInThrottle Throttle(int failures = 2, int trackedAddresses = 100) => new(Options.Create(new SecurityOptions
    {
        SignInFailuresPerAddress = failures,
        SignInFailureWindowSeconds = 60,
        SignInTrackedAddresses = trackedAddresses,
    }), _clock);

    private static TimeSpan? Fail(SignInThrottle throttle, string address) => throttle.TryBegin(IPAddress.Parse(address));

    [Fact]
    public void TryBegin_IPv6_CountsTheWhole64AndNothingBeyondIt()
    {
        var throttle = Throttle();
        Assert.Null(Fail(throttle, "2001:db8:0:1::1"));
        Assert.Null(Fail(throttle, "2001:db8:0:1:ffff::2"));

        Assert.Equal(TimeSpan.FromSeconds(60), Fail(throttle, "2001:db8:0:1::3"));
        Assert.Null(Fail(throttle, "2001:db8:0:2::1"));
        // An IPv4 address written as IPv6 is the IPv4 address.
        Assert.Null(Fail(throttle, "::ffff:192.0.2.1"));
        Assert.Null(Fail(throttle, "192.0.2.1"));
        Assert.Equal(TimeSpan.FromSeconds(60), Fail(throttle, "::ffff:192.0.2.1"));
    }

    [Fact]
    public void Forgive_AnAttemptThatDidNotFail_GivesItsCountBackAndForgetsAnIdleAddress()
    {
        var throttle = Throttle();
        Assert.Null(Fail(throttle, "192.0.2.1"));
        Assert.Null(Fail(throttle, "192.0.2.1"));
        throttle.Forgive(IPAddress.Parse("192.0.2.1"));

        Assert.Null(Fail(throttle, "192.0.2.1"));
        Assert.NotNull(Fail(throttle, "192.0.2.1"));

        Assert.Null(Fail(throttle, "192.0.2.2"));
        throttle.Forgive(IPAddress.Parse("192.0.2.2"));
        Assert.Equal(1, throttle.TrackedAddresses);
    }

    [Fact]
    public void TryBegin_MoreAddressesThanTracked_MemoryStaysBoundedAndTheRestShareOneCount()
    {
        var throttle = Throttle(failures: 2, trackedAddresses: 100);
        for (var i = 0; i < 100; i++) Assert.Null(Fail(throttle, $"10.0.{i / 256}.{i % 256}"));
        Assert.Equal(100, throttle.TrackedAddresses);

        // Ten thousand more addresses: one more entry, and all of them together get two failures.
        var allowed = Enumerable.Range(0, 10_000).Count(i => Fail(throttle, $"10.1.{i / 256}.{i % 256}") is null);

        Assert.Equal(2, allowed);
        Assert.Equal(101, throttle.TrackedAddresses);
        // Once the first addresses' windows are over, new addresses get counts of their own again.
        _clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(Fail(throttle, "10.2.0.1"));
        Assert.Null(Fail(throttle, "10.2.0.2"));
        Assert.Null(Fail(throttle, "10.2.0.2"));
        Assert.Equal(2, throttle.TrackedAddresses);
    }
}
