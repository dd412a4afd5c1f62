using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Tests.Components;

public sealed class FormatsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 30, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(45, "45 s")]
    [InlineData(12 * 60, "12 min")]
    [InlineData(3 * 3600 + 5 * 60, "3 h 5 min")]
    [InlineData(4 * 86400 + 2 * 3600, "4 days 2 h")]
    public void Duration_Span_SaysItAsAlertMailsDo(int seconds, string expected)
    {
        var span = TimeSpan.FromSeconds(seconds);

        Assert.Equal(expected, Formats.Duration(span));
        Assert.Equal(Durations.Describe(span), Formats.Duration(span));
    }

    [Theory]
    [InlineData(1, "1 minute(s)")]
    [InlineData(30, "30 minute(s)")]
    [InlineData(120, "2 hour(s)")]
    [InlineData(7 * 1440, "7 day(s)")]
    public void Step_ChartStep_OneWholeUnit(int minutes, string expected) =>
        Assert.Equal(expected, Formats.Step(TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void Moment_OtherOffset_ToTheSecondInUtc() =>
        Assert.Equal("2026-11-20 12:30:05 UTC", Formats.Moment(Now.ToOffset(TimeSpan.FromHours(2))));

    [Fact]
    public void Moment_None_Dash() => Assert.Equal("-", Formats.Moment((DateTimeOffset?)null));

    [Fact]
    public void Minute_OtherOffset_ToTheMinuteInUtc() =>
        Assert.Equal("2026-11-20 12:30 UTC", Formats.Minute(Now.ToOffset(TimeSpan.FromHours(-5))));

    [Fact]
    public void TimeOfDay_OtherOffset_ClockReadingInUtc() =>
        Assert.Equal("12:30:05 UTC", Formats.TimeOfDay(Now.ToOffset(TimeSpan.FromHours(1))));

    [Fact]
    public void Ago_TwelveMinutesBefore_DurationAndMoment() =>
        Assert.Equal("12 min ago (2026-11-20 12:18:05 UTC)", Formats.Ago(Now.AddMinutes(-12), Now));

    [Fact]
    public void Ago_InTheFuture_ZeroSeconds() =>
        Assert.Equal("0 s ago (2026-11-20 12:30:15 UTC)", Formats.Ago(Now.AddSeconds(10), Now));

    [Fact]
    public void Ago_Never_SaysNever() => Assert.Equal("never", Formats.Ago(null, Now));

    [Fact]
    public void InputValue_OtherOffset_UtcWithoutSeconds() =>
        Assert.Equal("2026-11-20T12:30", Formats.InputValue(Now.ToOffset(TimeSpan.FromHours(3))));

    [Fact]
    public void ReadInput_InputValue_ReadsBackAsUtc() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 30, 0, TimeSpan.Zero), Formats.ReadInput(Formats.InputValue(Now)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tomorrow")]
    public void ReadInput_NoTime_Null(string? value) => Assert.Null(Formats.ReadInput(value));

    [Fact]
    public void ReadQuery_QueryValue_RoundTrips() => Assert.Equal(Now, Formats.ReadQuery(Formats.QueryValue(Now)));

    [Fact]
    public void ReadQuery_Offset_ConvertedToUtc()
    {
        var read = Formats.ReadQuery("2026-11-20T14:30:05+02:00");

        Assert.Equal(Now, read);
        Assert.Equal(TimeSpan.Zero, read!.Value.Offset);
    }

    [Fact]
    public void ReadQuery_NoOffset_TakenAsUtc() => Assert.Equal(Now, Formats.ReadQuery("2026-11-20T12:30:05"));

    [Fact]
    public void ReadQuery_NoTime_Null() => Assert.Null(Formats.ReadQuery("soon"));

    [Theory]
    [InlineData(99.93149, "99.931 %")]
    [InlineData(100.0, "100 %")]
    [InlineData(null, "no data")]
    public void Percent_Value_ThreeDecimalsAtMost(double? value, string expected) => Assert.Equal(expected, Formats.Percent(value));

    [Theory]
    [InlineData(12.54, "12.5 ms")]
    [InlineData(null, "no data")]
    public void Milliseconds_Value_OneDecimalAtMost(double? value, string expected) => Assert.Equal(expected, Formats.Milliseconds(value));

    [Fact]
    public void Count_Thousands_InvariantSeparator() => Assert.Equal("4,812", Formats.Count(4812));

    [Theory]
    [InlineData("web01", "/hosts/web01")]
    [InlineData("pc-01.contoso.example", "/hosts/pc-01.contoso.example")]
    [InlineData("odd name/1", "/hosts/odd%20name%2F1")]
    public void HostHref_AnyName_ItsHostPageEscaped(string host, string expected) => Assert.Equal(expected, Formats.HostHref(host));
}
