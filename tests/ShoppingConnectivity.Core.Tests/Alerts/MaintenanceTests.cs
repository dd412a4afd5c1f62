using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Core.Tests.Alerts;

public class MaintenanceTests
{
    // A Wednesday.
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void IsActive_AdHoc_OnlyBetweenStartAndEnd()
    {
        var window = new MaintenanceWindow(1, MaintenanceScope.Estate, null, "upgrade", Wednesday, Wednesday.AddHours(2));

        Assert.False(window.IsActive(Wednesday.AddSeconds(-1)));
        Assert.True(window.IsActive(Wednesday));
        Assert.True(window.IsActive(Wednesday.AddHours(2).AddSeconds(-1)));
        Assert.False(window.IsActive(Wednesday.AddHours(2)));
    }

    [Fact]
    public void IsActive_WeeklyOverMidnight_CoversTheNextMorning()
    {
        // Every Wednesday at 22:00 for 4 hours.
        var window = new MaintenanceWindow(1, MaintenanceScope.Host, "sql01", "backup", null, null, [DayOfWeek.Wednesday], new TimeOnly(22, 0), TimeSpan.FromHours(4));

        Assert.False(window.IsActive(Wednesday.AddHours(9).AddMinutes(59)));
        Assert.True(window.IsActive(Wednesday.AddHours(10)));
        Assert.True(window.IsActive(Wednesday.AddHours(13).AddMinutes(59)));
        Assert.False(window.IsActive(Wednesday.AddHours(14)));
        Assert.True(window.IsActive(Wednesday.AddDays(7).AddHours(11)));
        Assert.False(window.IsActive(Wednesday.AddDays(1).AddHours(11)));
    }

    [Fact]
    public void IsActive_WeeklyInTimeZone_FollowsLocalTime()
    {
        // 01:00-02:00 in Berlin on Thursday is 00:00-01:00 UTC in winter.
        var window = new MaintenanceWindow(1, MaintenanceScope.Estate, null, "reboots", null, null, [DayOfWeek.Thursday], new TimeOnly(1, 0), TimeSpan.FromHours(1), "Europe/Berlin");

        Assert.True(window.IsActive(Wednesday.AddHours(12).AddMinutes(30)));
        Assert.False(window.IsActive(Wednesday.AddHours(13).AddMinutes(30)));
    }

    [Fact]
    public void IsActive_WeeklyBoundedByEnd_StopsRecurring()
    {
        var window = new MaintenanceWindow(1, MaintenanceScope.Estate, null, "project", null, Wednesday.AddDays(3), [DayOfWeek.Wednesday], new TimeOnly(11, 0), TimeSpan.FromHours(2));

        Assert.True(window.IsActive(Wednesday));
        Assert.False(window.IsActive(Wednesday.AddDays(7)));
    }

    [Fact]
    public void Cover_ActiveWindows_SilenceEstateFlowAndHostLinks()
    {
        var windows = new[]
        {
            new MaintenanceWindow(1, MaintenanceScope.Flow, "central-smtp", "mail relay swap", Wednesday.AddHours(-1), Wednesday.AddHours(1)),
            new MaintenanceWindow(2, MaintenanceScope.Host, "sql01", "patching", Wednesday.AddHours(-1), Wednesday.AddHours(1)),
            new MaintenanceWindow(3, MaintenanceScope.Estate, null, "later", Wednesday.AddHours(1), Wednesday.AddHours(2)),
        };

        var cover = MaintenanceCover.At(windows, Wednesday);

        Assert.Equal("maintenance: mail relay swap", cover.Silences("central-smtp"));
        Assert.Null(cover.Silences("website-shoppingdb-sql"));
        Assert.True(cover.CoversLink("web01", "SQL01"));
        Assert.True(cover.CoversLink("sql01", "dc01"));
        Assert.False(cover.CoversLink("web01", "dc01"));
        Assert.Equal("maintenance: later", MaintenanceCover.At(windows, Wednesday.AddHours(1.5)).Silences("website-shoppingdb-sql"));
    }

    [Fact]
    public void Validate_BadWindow_NamesEveryField()
    {
        var hostWindow = new MaintenanceWindow(0, MaintenanceScope.Host, "nope", " ", Wednesday, Wednesday.AddHours(-1));
        var weekly = new MaintenanceWindow(0, MaintenanceScope.Flow, "x", "r", null, null, [DayOfWeek.Monday], null, TimeSpan.Zero, "Mars/Olympus");

        var errors = hostWindow.Validate(["sql01"], ["central-smtp"]);
        var weeklyErrors = weekly.Validate(["sql01"], ["central-smtp"]);

        Assert.Equal(["reason: say why (it shows in the alert history).", "target: unknown host 'nope' (a host of the estate).", "end: must be after the start."], errors);
        Assert.Equal([
            "target: unknown flow 'x' (a flow id of the catalogue).",
            "startTime: a weekly window needs the time of day it starts.",
            "duration: a weekly window lasts more than 0 and at most 7 days.",
            "timeZone: unknown time zone 'Mars/Olympus'.",
        ], weeklyErrors);
        Assert.Empty(new MaintenanceWindow(0, MaintenanceScope.Host, "SQL01", "ok", Wednesday, Wednesday.AddHours(1)).Validate(["sql01"], []));
    }
}
