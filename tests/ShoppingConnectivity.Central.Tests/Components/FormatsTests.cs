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

    private static readonly DisplayZone Utc = DisplayZone.UtcZone;
    private static readonly DisplayZone London = DisplayZone.Of("Europe/London", null);
    private static readonly DisplayZone NewYork = DisplayZone.Of(DisplayZone.Browser, "America/New_York");
    private static readonly DisplayZone Kolkata = DisplayZone.Of("Asia/Kolkata", null);

    [Fact]
    public void Moment_UtcReaderOtherOffset_ToTheSecondInUtc() =>
        Assert.Equal("2026-11-20 12:30:05 UTC", Formats.Moment(Now.ToOffset(TimeSpan.FromHours(2)), Utc));

    [Fact]
    public void Moment_None_Dash() => Assert.Equal("-", Formats.Moment((DateTimeOffset?)null, London));

    [Fact]
    public void Moment_LondonSummerAndWinter_LocalTimeWithItsOffset()
    {
        Assert.Equal("2026-07-01 13:30:05 UTC+1", Formats.Moment(new DateTimeOffset(2026, 7, 1, 12, 30, 5, TimeSpan.Zero), London));
        Assert.Equal("2026-11-20 12:30:05 UTC+0", Formats.Moment(Now, London));
    }

    [Fact]
    public void Minute_BrowserZoneNewYork_LocalToTheMinute() =>
        Assert.Equal("2026-11-20 07:30 UTC-5", Formats.Minute(Now, NewYork));

    [Fact]
    public void TimeOfDay_HalfHourZone_OffsetWithMinutes() =>
        Assert.Equal("18:00:05 UTC+5:30", Formats.TimeOfDay(Now, Kolkata));

    [Fact]
    public void Ago_TwelveMinutesBefore_DurationAndMoment() =>
        Assert.Equal("12 min ago (2026-11-20 07:18:05 UTC-5)", Formats.Ago(Now.AddMinutes(-12), Now, NewYork));

    [Fact]
    public void Ago_InTheFuture_JustNow() =>
        Assert.Equal("just now (2026-11-20 12:30:15 UTC)", Formats.Ago(Now.AddSeconds(10), Now, Utc));

    [Fact]
    public void Ago_Never_SaysNever() => Assert.Equal("never", Formats.Ago(null, Now, Utc));

    [Fact]
    public void Since_WithinADay_DurationAndTimeOfDay() =>
        Assert.Equal("22 min ago (07:08:05 UTC-5)", Formats.Since(Now.AddMinutes(-22), Now, NewYork));

    [Fact]
    public void Since_DaysBefore_DurationAndDate() =>
        Assert.Equal("3 days 2 h ago (2026-11-17 05:30 UTC-5)", Formats.Since(Now.AddDays(-3).AddHours(-2), Now, NewYork));

    [Fact]
    public void Since_None_Dash() => Assert.Equal("-", Formats.Since(null, Now, Utc));

    [Fact]
    public void InputValue_ReaderZone_WallClockWithoutSeconds() =>
        Assert.Equal("2026-11-20T07:30", Formats.InputValue(Now.ToOffset(TimeSpan.FromHours(3)), NewYork));

    [Fact]
    public void InputText_ReaderZone_24HourWithASpace() =>
        Assert.Equal("2026-11-20 07:30", Formats.InputText(Now, NewYork));

    [Fact]
    public void ReadInput_InputText_ReadsBackTheMinute() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 30, 0, TimeSpan.Zero), Formats.ReadInput(Formats.InputText(Now, London), London));

    [Theory]
    [InlineData(1, "07:30")]
    [InlineData(7 * 24, "11-20 07:30")]
    [InlineData(90 * 24, "11-20")]
    [InlineData(365 * 24, "2026-11-20")]
    public void AxisTime_Range_ReaderZoneAsPreciseAsTheRangeNeeds(int rangeHours, string expected) =>
        Assert.Equal(expected, Formats.AxisTime(Now, NewYork, TimeSpan.FromHours(rangeHours)));

    [Fact]
    public void ReadInput_InputValue_ReadsBackTheMoment() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 12, 30, 0, TimeSpan.Zero), Formats.ReadInput(Formats.InputValue(Now, NewYork), NewYork));

    [Fact]
    public void ReadInput_SpaceInsteadOfT_ReadInTheZone() =>
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 21, 0, 0, TimeSpan.Zero), Formats.ReadInput("2026-07-01 22:00", London));

    /// <summary>02:30 on the last Sunday of March does not happen in London: no moment, rather than one an hour off.</summary>
    [Fact]
    public void ReadInput_TimeTheClockSkips_Null() => Assert.Null(Formats.ReadInput("2026-03-29T01:30", London));

    /// <summary>01:30 on the last Sunday of October happens twice in London: the first pass (summer time) is meant.</summary>
    [Fact]
    public void ReadInput_TimeTheClockRepeats_FirstPass() =>
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), Formats.ReadInput("2026-10-25T01:30", London));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tomorrow")]
    [InlineData("2026-11-20T12:30Z")]
    [InlineData("2026-11-20T12:30+02:00")]
    [InlineData("2026-11-20 1:30 PM")]
    public void ReadInput_NoTimeOrItsOwnZoneOrTwelveHour_Null(string? value) => Assert.Null(Formats.ReadInput(value, Utc));

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
