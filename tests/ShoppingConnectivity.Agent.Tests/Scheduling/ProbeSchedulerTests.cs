using ShoppingConnectivity.Agent.Scheduling;

namespace ShoppingConnectivity.Agent.Tests.Scheduling;

public class ProbeSchedulerTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Jitter_SameHostAndProbe_IsTheSameEveryTime()
    {
        Assert.Equal(
            ProbeScheduler.Jitter("pc0001", "client-website-http/web01/80", Minute),
            ProbeScheduler.Jitter("PC0001", "client-website-http/web01/80", Minute));
    }

    [Fact]
    public void Jitter_ThousandClientsWithTheSamePlan_SpreadOverTheInterval()
    {
        var offsets = Enumerable.Range(0, 1000)
            .Select(i => ProbeScheduler.Jitter($"pc{i:0000}", "client-website-http/web01/80", Minute).TotalSeconds)
            .ToList();

        Assert.All(offsets, o => Assert.InRange(o, 0, 60));
        // Every 10-second slice of the minute gets a fair share: no thundering herd on the Website.
        var slices = offsets.GroupBy(o => (int)(o / 10)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, slices.Count);
        Assert.All(slices.Values, count => Assert.InRange(count, 100, 240));
    }

    [Fact]
    public void Jitter_LongInterval_StaysWithinTheFirstMinute()
    {
        var offsets = Enumerable.Range(0, 200).Select(i => ProbeScheduler.Jitter("web01", $"flow/t{i}/1", TimeSpan.FromHours(1)));

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, Minute));
    }

    [Fact]
    public void Jitter_ShortInterval_StaysWithinIt()
    {
        var offsets = Enumerable.Range(0, 200).Select(i => ProbeScheduler.Jitter("web01", $"flow/t{i}/1", TimeSpan.FromSeconds(5)));

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, TimeSpan.FromSeconds(5)));
    }
}
