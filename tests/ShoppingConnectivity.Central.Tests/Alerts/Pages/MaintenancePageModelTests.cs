using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.Alerts.Pages;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Tests.Alerts.Pages;

public sealed class MaintenancePageModelTests
{
    private readonly MaintenancePageModel _page = new();

    [Fact]
    public void StartAt_Now_UtcToTheMinute()
    {
        _page.StartAt(new DateTimeOffset(2026, 11, 25, 23, 30, 45, TimeSpan.FromHours(1)), DisplayZone.UtcZone);

        Assert.Equal("2026-11-25 22:30", _page.Start);
        Assert.Null(_page.TimeZone);
    }

    [Fact]
    public void StartAt_ReaderInNewYork_LocalStartAndWeeklyZone()
    {
        _page.StartAt(new DateTimeOffset(2026, 11, 25, 22, 30, 45, TimeSpan.Zero), DisplayZone.Of("America/New_York", null));

        Assert.Equal("2026-11-25 17:30", _page.Start);
        Assert.Equal("America/New_York", _page.TimeZone);
    }

    [Fact]
    public void Window_OneOffTypedInReadersZone_ReadInThatZone()
    {
        _page.StartAt(DateTimeOffset.UnixEpoch, DisplayZone.Of("Europe/Paris", null));
        _page.Start = "2026-11-25 22:00";

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 21, 0, 0, TimeSpan.Zero), _page.Window()!.Start);
    }

    [Fact]
    public void Window_StartTheClockSkips_ErrorNamesTheZone()
    {
        _page.StartAt(DateTimeOffset.UnixEpoch, DisplayZone.Of("Europe/Paris", null));
        _page.Start = "2026-03-29 02:30";

        Assert.Null(_page.Window());
        Assert.Contains(_page.Errors, e => e.StartsWith("start:", StringComparison.Ordinal) && e.Contains("Europe/Paris", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_OneOff_InReadersZone()
    {
        var window = new MaintenanceWindow(1, MaintenanceScope.Host, "web01", "patch", new DateTimeOffset(2026, 11, 25, 21, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero));

        Assert.Equal("host web01, 2026-11-25 22:00 UTC+1 to 2026-11-25 23:00 UTC+1", MaintenancePageModel.Describe(window, DisplayZone.Of("Europe/Paris", null)));
    }

    [Fact]
    public void Window_OneOff_FromStartForItsMinutes()
    {
        _page.Start = " 2026-11-25 22:00 ";
        _page.Minutes = 90;
        _page.Reason = "patching";

        var window = _page.Window();

        Assert.NotNull(window);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 22, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero), window.End);
        Assert.Equal(MaintenanceScope.Estate, window.Scope);
        Assert.Empty(_page.Errors);
    }

    [Fact]
    public void Window_EstateScope_TargetLeftOut()
    {
        _page.Start = "2026-11-25 22:00";
        _page.Target = "web01";

        Assert.Null(_page.Window()!.Target);
    }

    [Fact]
    public void Window_Weekly_DaysInWeekOrder()
    {
        _page.Weekly = true;
        _page.Scope = MaintenanceScope.Host;
        _page.Target = "web01";
        _page.Toggle(DayOfWeek.Sunday, true);
        _page.Toggle(DayOfWeek.Tuesday, true);
        _page.Toggle(DayOfWeek.Friday, true);
        _page.Toggle(DayOfWeek.Friday, false);
        _page.TimeZone = "Europe/London";

        var window = _page.Window();

        Assert.NotNull(window);
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Sunday], window.Days);
        Assert.Equal(new TimeOnly(22, 0), window.StartTime);
        Assert.Equal(TimeSpan.FromHours(1), window.Duration);
        Assert.Equal("web01", window.Target);
        Assert.Equal("Europe/London", window.TimeZone);
    }

    [Fact]
    public void Window_WeeklyWithoutDaysAndBadTime_BothErrors()
    {
        _page.Weekly = true;
        _page.StartTime = "late";
        _page.Minutes = 0;

        Assert.Null(_page.Window());
        Assert.Equal(
            ["startTime: 'late' is not a time of day like 22:00.", "days: tick the days of the week it recurs on.", "minutes: a window lasts at least one minute."],
            _page.Errors);
    }

    [Fact]
    public void Window_StartNotATime_Error()
    {
        _page.Start = "tomorrow";

        Assert.Null(_page.Window());
        Assert.Equal(["start: 'tomorrow' is not a time like 2026-11-25 22:00 (UTC)."], _page.Errors);
    }

    [Fact]
    public void AuditText_Window_DescriptionAndReason()
    {
        var window = new MaintenanceWindow(0, MaintenanceScope.Estate, null, "patching", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.Equal($"{window.Describe()} (patching)", MaintenancePageModel.AuditText(window));
    }
}
