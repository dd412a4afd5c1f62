using System.Globalization;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Core.Alerts;

namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>The maintenance page's list and its form for a new window, read into a window or into what is wrong with it.</summary>
public sealed class MaintenancePageModel
{
    /// <summary>The form's start: a time to the minute in the reader's zone, as typed.</summary>
    public const string StartFormat = "yyyy-MM-dd HH:mm";

    /// <summary>The reader's zone: a one-off window's start is typed and shown in it, and a weekly one recurs in it unless told otherwise.</summary>
    public DisplayZone Zone { get; private set; } = DisplayZone.UtcZone;

    public static IReadOnlyList<DayOfWeek> Week { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly HashSet<DayOfWeek> _days = [];

    public IReadOnlyList<MaintenanceWindow> Windows { get; set; } = [];

    /// <summary>What the last add met, each naming its field.</summary>
    public IReadOnlyList<string> Errors { get; set; } = [];

    public MaintenanceScope Scope { get; set; } = MaintenanceScope.Estate;

    /// <summary>The host or flow id; not used for the whole estate.</summary>
    public string? Target { get; set; }

    public string Reason { get; set; } = "";

    public bool Weekly { get; set; }

    public string StartTime { get; set; } = "22:00";

    public string? TimeZone { get; set; }

    public string Start { get; set; } = "";

    public int Minutes { get; set; } = 60;

    /// <summary>The form for a reader in a zone: a one-off window starting now, a weekly one recurring in their zone.</summary>
    public void StartAt(DateTimeOffset now, DisplayZone zone)
    {
        Zone = zone;
        Start = zone.Local(now).ToString(StartFormat, CultureInfo.InvariantCulture);
        TimeZone = zone.IsUtc ? null : zone.Id;
    }

    /// <summary>A window as the list shows it: a one-off one in the reader's zone, a weekly one in the zone it recurs in.</summary>
    public static string Describe(MaintenanceWindow window, DisplayZone zone) =>
        window is { IsWeekly: false, Start: { } start, End: { } end }
            ? $"{window.Subject}, {Formats.Minute(start, zone)} to {Formats.Minute(end, zone)}"
            : window.Describe();

    public bool HasDay(DayOfWeek day) => _days.Contains(day);

    public void Toggle(DayOfWeek day, bool on)
    {
        if (on) _days.Add(day);
        else _days.Remove(day);
    }

    /// <summary>The window the form describes, or why it describes none (and then <see cref="Errors"/> says so too).</summary>
    public MaintenanceWindow? Window()
    {
        var errors = new List<string>();
        DateTimeOffset? start = null;
        TimeOnly? startTime = null;
        if (Weekly)
        {
            if (TimeOnly.TryParseExact(StartTime?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) startTime = t;
            else errors.Add($"startTime: '{StartTime}' is not a time of day like 22:00.");
            if (_days.Count == 0) errors.Add("days: tick the days of the week it recurs on.");
        }
        else if (!DateTime.TryParseExact(Start?.Trim(), StartFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var s))
        {
            errors.Add($"start: '{Start}' is not a time like 2026-11-25 22:00 ({Zone.Id}).");
        }
        else if (Zone.FromLocal(s) is { } at)
        {
            start = at;
        }
        else
        {
            errors.Add($"start: {Start} does not exist in {Zone.Id} (the clocks skip it); choose another time.");
        }

        if (Minutes < 1) errors.Add("minutes: a window lasts at least one minute.");
        Errors = errors;
        if (errors.Count > 0) return null;

        var duration = TimeSpan.FromMinutes(Minutes);
        var target = Scope == MaintenanceScope.Estate ? null : Target;
        return Weekly
            ? new MaintenanceWindow(0, Scope, target, Reason, null, null, Week.Where(_days.Contains).ToList(), startTime, duration, TimeZone)
            : new MaintenanceWindow(0, Scope, target, Reason, start, start + duration);
    }

    /// <summary>A window as the audit log records it.</summary>
    public static string AuditText(MaintenanceWindow window) => $"{window.Describe()} ({window.Reason})";
}
