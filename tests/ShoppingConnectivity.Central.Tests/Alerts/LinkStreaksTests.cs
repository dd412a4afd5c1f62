using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Alerts;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Tests.Alerts;

public sealed class LinkStreaksTests
{
    private const string Flow = "website-shoppingdb-sql";
    private const string Probe = "website-shoppingdb-sql/db01/47101";
    private const string OtherProbe = "website-shoppingdb-sql/db02/47101";
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static readonly LinkStreak Broken = new(LinkHealth.Broken, 3, 0, T0, T0.AddMinutes(2), T0.AddMinutes(2));
    private static readonly LinkStreak Recovered = new(LinkHealth.Healthy, 0, 2, null, T0.AddMinutes(4), T0.AddMinutes(4));
    private static readonly LinkStreak HealthyNeverChanged = new(LinkHealth.Healthy, 1, 0, T0, null, T0);

    private static LinkStreaks NewStreaks() =>
        new(new AlertRules(FlowCatalogue.Default, Options.Create(new AlertOptions()), Options.Create(new CentralOptions())));

    [Fact]
    public void Set_HealthyThatNeverChangedHealth_HoldsNothing()
    {
        var streaks = NewStreaks();

        streaks.Set("web01", Probe, Flow, HealthyNeverChanged);

        Assert.Same(LinkStreak.New, streaks.Get("web01", Probe));
        Assert.False(streaks.AnyIn(Flow));
    }

    [Fact]
    public void Set_BrokenOrRecovered_IsHeldForItsFlow()
    {
        var streaks = NewStreaks();

        streaks.Set("web01", Probe, Flow, Broken);
        streaks.Set("web02", Probe, Flow, Recovered);

        Assert.Equal(Broken, streaks.Get("web01", Probe));
        Assert.Equal(Recovered, streaks.Get("web02", Probe));
        Assert.True(streaks.AnyIn(Flow));
        Assert.False(streaks.AnyIn("central-shoppingdb-sql"));
    }

    [Fact]
    public void Set_HeldLinkBackToAPlainStreak_FlowHoldsNoneOnlyOnceEveryLinkIs()
    {
        var streaks = NewStreaks();
        streaks.Set("web01", Probe, Flow, Broken);
        streaks.Set("web01", OtherProbe, Flow, Broken);

        streaks.Set("web01", Probe, Flow, HealthyNeverChanged);
        Assert.Same(LinkStreak.New, streaks.Get("web01", Probe));
        Assert.True(streaks.AnyIn(Flow));

        streaks.Set("web01", OtherProbe, Flow, HealthyNeverChanged);
        Assert.False(streaks.AnyIn(Flow));
    }

    [Fact]
    public void Load_RowsWithStoredStreaks_HoldsOnlyTheBrokenOnes()
    {
        var streaks = NewStreaks();
        var rule = new AlertRule(3, 2, 0);
        var broken = LinkStreakWindow.Empty;
        var healthy = LinkStreakWindow.Empty;
        for (var i = 0; i < 3; i++)
        {
            broken = broken.Add(new LinkRun(T0.AddMinutes(i), false), rule, out _);
            healthy = healthy.Add(new LinkRun(T0.AddMinutes(i), true), rule, out _);
        }

        streaks.Load([Row("web01", broken), Row("web02", healthy), Row("web03", null)]);

        Assert.Equal(LinkHealth.Broken, streaks.Get("web01", Probe).Health);
        Assert.Same(LinkStreak.New, streaks.Get("web02", Probe));
        Assert.Same(LinkStreak.New, streaks.Get("web03", Probe));
        Assert.True(streaks.AnyIn(Flow));
    }

    private static LinkRecord Row(string agentId, LinkStreakWindow? streak) => new()
    {
        AgentId = agentId,
        ProbeId = Probe,
        FlowId = Flow,
        TargetHost = "db01",
        Port = 47101,
        Streak = streak?.Serialize(),
    };
}
