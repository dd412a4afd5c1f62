using System.Globalization;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Core.Tests.Alerts;

public class LinkStreakTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertRule Rule = new(BrokenAfter: 3, RecoveredAfter: 2, BrokenShare: 0);

    /// <summary>Runs one minute apart from T0, good or failed.</summary>
    private static LinkStreak Run(params bool[] good)
    {
        var streak = LinkStreak.New;
        for (var i = 0; i < good.Length; i++) streak = streak.Apply(new LinkRun(T0.AddMinutes(i), good[i]), Rule);
        return streak;
    }

    [Fact]
    public void Apply_TwoFailuresInARow_StaysHealthy()
    {
        var streak = Run(false, false);

        Assert.Equal(LinkHealth.Healthy, streak.Health);
        Assert.Equal(2, streak.FailedInARow);
        Assert.Equal(T0, streak.FailingSince);
    }

    [Fact]
    public void Apply_ThirdFailureInARow_BreaksWithOutageStartAtFirstFailure()
    {
        var streak = Run(true, false, false, false);

        Assert.Equal(LinkHealth.Broken, streak.Health);
        Assert.Equal(T0.AddMinutes(1), streak.FailingSince);
        Assert.Equal(T0.AddMinutes(3), streak.ChangedAt);
    }

    [Fact]
    public void Apply_GoodRunBetweenFailures_RestartsTheCount()
    {
        var streak = Run(false, false, true, false, false);

        Assert.Equal(LinkHealth.Healthy, streak.Health);
        Assert.Equal(2, streak.FailedInARow);
        Assert.Equal(T0.AddMinutes(3), streak.FailingSince);
    }

    [Fact]
    public void Apply_OneGoodRunWhileBroken_StaysBrokenAndKeepsOutageStart()
    {
        var streak = Run(false, false, false, true, false);

        Assert.Equal(LinkHealth.Broken, streak.Health);
        Assert.Equal(T0, streak.FailingSince);
    }

    [Fact]
    public void Apply_SecondGoodRunInARow_Recovers()
    {
        var streak = Run(false, false, false, true, true);

        Assert.Equal(LinkHealth.Healthy, streak.Health);
        Assert.Null(streak.FailingSince);
        Assert.Equal(T0.AddMinutes(4), streak.ChangedAt);
    }

    [Fact]
    public void Apply_CustomRule_UsesItsThresholds()
    {
        var rule = new AlertRule(1, 3, 0);
        var broken = LinkStreak.New.Apply(new LinkRun(T0, false), rule);
        var stillBroken = broken.Apply(new LinkRun(T0.AddMinutes(1), true), rule).Apply(new LinkRun(T0.AddMinutes(2), true), rule);

        Assert.Equal(LinkHealth.Broken, broken.Health);
        Assert.Equal(LinkHealth.Broken, stillBroken.Health);
        Assert.Equal(LinkHealth.Healthy, stillBroken.Apply(new LinkRun(T0.AddMinutes(3), true), rule).Health);
    }

    [Theory]
    [InlineData(ProbeOutcome.Reachable, true)]
    [InlineData(ProbeOutcome.TimedOut, false)]
    [InlineData(ProbeOutcome.Refused, false)]
    [InlineData(ProbeOutcome.ProtocolError, false)]
    [InlineData(ProbeOutcome.DnsFailed, false)]
    public void RunOf_Outcome_GoodOnlyWhenReachable(ProbeOutcome outcome, bool good) =>
        Assert.Equal(good, LinkRun.Of(outcome, T0).Good);

    [Fact]
    public void WindowAdd_LateResult_IsCountedAtItsPlaceInTime()
    {
        // Arrival order: F(0) F(1) F(3), then the late good run of minute 2 from the agent's outbox.
        var window = LinkStreakWindow.Empty;
        window = window.Add(new LinkRun(T0, false), Rule, out _);
        window = window.Add(new LinkRun(T0.AddMinutes(1), false), Rule, out _);
        window = window.Add(new LinkRun(T0.AddMinutes(3), false), Rule, out _);
        Assert.Equal(LinkHealth.Broken, window.Current(Rule).Health);

        window = window.Add(new LinkRun(T0.AddMinutes(2), true), Rule, out var counted);

        Assert.True(counted);
        // In time order the runs are F F G F: never three failures in a row.
        Assert.Equal(LinkHealth.Healthy, window.Current(Rule).Health);
        Assert.Equal(1, window.Current(Rule).FailedInARow);
    }

    [Fact]
    public void WindowAdd_OutboxBacklogInOrder_BreaksAtTheThirdFailureTime()
    {
        var window = LinkStreakWindow.Empty;
        foreach (var minute in new[] { 0, 1, 2, 3 }) window = window.Add(new LinkRun(T0.AddMinutes(minute), minute == 0), Rule, out _);

        var streak = window.Current(Rule);
        Assert.Equal(LinkHealth.Broken, streak.Health);
        Assert.Equal(T0.AddMinutes(3), streak.ChangedAt);
        Assert.Equal(T0.AddMinutes(1), streak.FailingSince);
    }

    [Fact]
    public void WindowAdd_MoreRunsThanCapacity_FoldsOldestIntoBaseWithSameResult()
    {
        var window = LinkStreakWindow.Empty;
        var plain = LinkStreak.New;
        for (var i = 0; i < LinkStreakWindow.Capacity * 3; i++)
        {
            var run = new LinkRun(T0.AddMinutes(i), i % 7 < 4);
            window = window.Add(run, Rule, out _);
            plain = plain.Apply(run, Rule);
        }

        Assert.Equal(LinkStreakWindow.Capacity, window.Recent.Count);
        Assert.Equal(plain, window.Current(Rule));
    }

    [Fact]
    public void WindowAdd_RunOlderThanEveryKeptRun_IsNotCounted()
    {
        var window = LinkStreakWindow.Empty;
        for (var i = 0; i < LinkStreakWindow.Capacity; i++) window = window.Add(new LinkRun(T0.AddMinutes(i + 10), true), Rule, out _);

        var after = window.Add(new LinkRun(T0, false), Rule, out var counted);

        Assert.False(counted);
        Assert.Same(window, after);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void Apply_RunsFoldedAtOnce_SameAsOneByOne(int brokenAfter, int recoveredAfter)
    {
        var rule = new AlertRule(brokenAfter, recoveredAfter, 0);
        var random = new Random(brokenAfter * 10 + recoveredAfter);
        var runs = Enumerable.Range(0, 300).Select(i => new LinkRun(T0.AddMinutes(i), random.Next(3) > 0)).ToList();

        var oneByOne = LinkStreak.New;
        for (var count = 1; count <= runs.Count; count++)
        {
            oneByOne = oneByOne.Apply(runs[count - 1], rule);
            Assert.Equal(oneByOne, LinkStreak.Apply(LinkStreak.New, runs, count, rule));
        }

        Assert.Same(LinkStreak.New, LinkStreak.Apply(LinkStreak.New, runs, 0, rule));
    }

    [Fact]
    public void SerializeParse_RoundTrip_KeepsBaseAndRuns()
    {
        var window = LinkStreakWindow.Empty;
        for (var i = 0; i < LinkStreakWindow.Capacity + 4; i++) window = window.Add(new LinkRun(T0.AddMinutes(i), i < 6), Rule, out _);

        var parsed = LinkStreakWindow.Parse(window.Serialize());

        Assert.Equal(window.Base, parsed.Base);
        Assert.Equal(window.Recent, parsed.Recent);
        Assert.Equal(window.Current(Rule), parsed.Current(Rule));
    }

    [Fact]
    public void Serialize_FullWindowAMinuteApart_IsUnderHalfTheDecimalForm()
    {
        var window = LinkStreakWindow.Empty;
        for (var i = 0; i < LinkStreakWindow.Capacity + 4; i++) window = window.Add(new LinkRun(T0.AddMinutes(i), i % 3 != 0), Rule, out _);

        var text = window.Serialize();
        var decimalLength = "s1;".Length + 6 + window.Recent.Sum(r => r.At.UtcTicks.ToString(CultureInfo.InvariantCulture).Length + 1)
            + 3 * T0.UtcTicks.ToString(CultureInfo.InvariantCulture).Length;

        Assert.StartsWith("s2;", text);
        Assert.True(text.Length * 2 < decimalLength, $"{text.Length} characters against {decimalLength}: {text}");
    }

    [Fact]
    public void SerializeParse_ExtremeTimesAndNoTimes_RoundTrip()
    {
        var max = DateTimeOffset.MaxValue.ToUniversalTime();
        var window = new LinkStreakWindow(new LinkStreak(LinkHealth.Broken, int.MaxValue, 0, DateTimeOffset.MinValue, null, max),
            [new LinkRun(DateTimeOffset.MinValue, false), new LinkRun(DateTimeOffset.MinValue, true), new LinkRun(max, false)]);

        var parsed = LinkStreakWindow.Parse(window.Serialize());

        Assert.Equal(window.Base, parsed.Base);
        Assert.Equal(window.Recent, parsed.Recent);
    }

    [Fact]
    public void Parse_DecimalFormOfEarlierVersions_ReadsTheSameWindow()
    {
        var t1 = T0.AddMinutes(1);
        var text = $"s1;1;2;0;{T0.UtcTicks};{t1.UtcTicks};{t1.UtcTicks};{T0.UtcTicks}-{t1.UtcTicks}-";

        var parsed = LinkStreakWindow.Parse(text);

        Assert.Equal(new LinkStreak(LinkHealth.Broken, 2, 0, T0, t1, t1), parsed.Base);
        Assert.Equal([new LinkRun(T0, false), new LinkRun(t1, false)], parsed.Recent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("s1;1;2")]
    [InlineData("s1;9;0;0;;;;")]
    [InlineData("s1;0;0;0;;;;12x")]
    [InlineData("s2;0;0;0;;;;1!+")]
    [InlineData("s2;0;0;0;;;;123456789012+")]
    [InlineData("s2;0;0;0;;;;z0000000000+")]
    [InlineData("s2;0;0;0;;;7__________;")]
    [InlineData("s2;0;0;0;;;;+")]
    public void Parse_EmptyOrDamaged_StartsAfresh(string? text) =>
        Assert.Equal(LinkStreak.New, LinkStreakWindow.Parse(text).Current(Rule));
}
