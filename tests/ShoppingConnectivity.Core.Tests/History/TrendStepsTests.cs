using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Core.Tests.History;

public class TrendStepsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 7, 0, TimeSpan.Zero);

    [Fact]
    public void Starts_RangeOffTheStep_FirstAtTheWholeStepBeforeAndOnePerStep()
    {
        var starts = TrendSteps.Starts(T0, T0.AddHours(1), TimeSpan.FromMinutes(15));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), starts[0]);
        Assert.Equal(5, starts.Count); // 10:00, 10:15, 10:30, 10:45, 11:00 (which holds 11:00 to 11:07)
        Assert.All(starts.Zip(starts.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(15), p.Second - p.First));
    }

    [Fact]
    public void Starts_OffsetInput_UtcSteps()
    {
        var starts = TrendSteps.Starts(T0.ToOffset(TimeSpan.FromHours(5.5)), T0.AddHours(2), TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), starts[0]);
        Assert.All(starts, s => Assert.Equal(TimeSpan.Zero, s.Offset));
    }

    [Fact]
    public void Starts_ZeroStep_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrendSteps.Starts(T0, T0.AddHours(1), TimeSpan.Zero));

    [Fact]
    public void Align_StepsWithoutAPoint_NullNeverZero()
    {
        var starts = TrendSteps.Starts(T0, T0.AddMinutes(45), TimeSpan.FromMinutes(15));
        var points = new[] { (Start: starts[0], Value: (double?)100), (Start: starts[2], Value: (double?)null) };

        var values = TrendSteps.Align(starts, points, p => p.Start, p => p.Value);

        Assert.Equal([100, null, null, null], values);
    }
}
