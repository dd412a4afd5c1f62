using System.Reflection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Central.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Tests.Live;

public sealed class LiveThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The live state's reminder to read again (raised when a reader got paced edges) brings no new version. It is
    /// private to the live state and needs an estate whose edges cost tens of milliseconds, so it is raised here through
    /// the event's field, as the reminder raises it.
    /// </summary>
    private static void RemindToReadAgain(LiveState live) =>
        ((Action?)typeof(LiveState).GetField(nameof(LiveState.Changed), BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(live))!.Invoke();

    [Fact]
    public void Throttle_ToldToReadAgainWithoutANewVersionWhileRefreshing_RefreshesAgain()
    {
        var clock = new FakeTimeProvider(Now);
        var o = Options.Create(new CentralOptions());
        using var live = new LiveState(FlowCatalogue.Default, TestEstates.Empty(o, clock), o, clock);
        var refreshes = 0;
        using var throttle = new LiveThrottle(live, clock, (int)Period.TotalMilliseconds, () =>
        {
            if (++refreshes == 1) RemindToReadAgain(live);
            return Task.CompletedTask;
        });
        live.Apply([new LinkSnapshot("web01", "central-smtp/smtp01/25", "central-smtp", "smtp01", 25, ProbeOutcome.Reachable, Now, Now, 2, null, 60)]);
        var version = live.Version;

        clock.Advance(Period);
        Assert.Equal(1, refreshes);
        clock.Advance(Period);

        Assert.Equal(version, live.Version);
        Assert.Equal(2, refreshes);
        clock.Advance(Period * 4);
        Assert.Equal(2, refreshes); // and quiet after it
    }
}
