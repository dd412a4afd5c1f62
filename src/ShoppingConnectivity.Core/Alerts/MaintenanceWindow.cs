using System.Globalization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// A time during which alerts are silenced (probing goes on). Ad hoc: from <see cref="Start"/> to <see cref="End"/>.
/// Weekly: on <see cref="Days"/> from <see cref="StartTime"/> for <see cref="Duration"/>, in <see cref="TimeZone"/>
/// (IANA or Windows id; UTC when empty); <see cref="Start"/> and <see cref="End"/>, when set, bound the recurrence.
/// </summary>
public sealed record MaintenanceWindow(
    long Id,
    MaintenanceScope Scope,
    string? Target,
    string Reason,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    IReadOnlyList<DayOfWeek>? Days = null,
    TimeOnly? StartTime = null,
    TimeSpan? Duration = null,
    string? TimeZone = null)
{
    public bool IsWeekly => Days is { Count: > 0 };

    public bool IsActive(DateTimeOffset now)
    {
        if (Start is { } start && now < start) return false;
        if (End is { } end && now >= end) return false;
        if (!IsWeekly) return Start is not null && End is not null;
        if (StartTime is not { } startTime || Duration is not { } duration) return false;

        var zone = Zone();
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        // An occurrence may have started on one of the previous days and still run (a window over midnight or a weekend).
        var lookBackDays = (int)Math.Min(7, Math.Ceiling(duration.TotalDays));
        for (var back = 0; back <= lookBackDays; back++)
        {
            var day = local.Date.AddDays(-back);
            if (!Days!.Contains(day.DayOfWeek)) continue;
            var occurrence = day + startTime.ToTimeSpan();
            if (local >= occurrence && local < occurrence + duration) return true;
        }

        return false;
    }

    /// <summary>Problems with the window, each naming the field.</summary>
    public IReadOnlyList<string> Validate(IEnumerable<string> knownHosts, IEnumerable<string> knownFlows)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Reason)) errors.Add("reason: say why (it shows in the alert history).");
        switch (Scope)
        {
            case MaintenanceScope.Estate when !string.IsNullOrEmpty(Target):
                errors.Add("target: an estate-wide window has no target.");
                break;
            case MaintenanceScope.Host when string.IsNullOrWhiteSpace(Target) || !knownHosts.Contains(Target, StringComparer.OrdinalIgnoreCase):
                errors.Add($"target: unknown host '{Target}' (a host of the estate).");
                break;
            case MaintenanceScope.Flow when string.IsNullOrWhiteSpace(Target) || !knownFlows.Contains(Target, StringComparer.Ordinal):
                errors.Add($"target: unknown flow '{Target}' (a flow id of the catalogue).");
                break;
        }

        if (IsWeekly)
        {
            if (StartTime is null) errors.Add("startTime: a weekly window needs the time of day it starts.");
            if (Duration is not { } d || d <= TimeSpan.Zero || d > TimeSpan.FromDays(7))
                errors.Add("duration: a weekly window lasts more than 0 and at most 7 days.");
            if (!string.IsNullOrWhiteSpace(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
                errors.Add($"timeZone: unknown time zone '{TimeZone}'.");
        }
        else
        {
            if (Start is null) errors.Add("start: an ad hoc window needs its start.");
            if (End is null) errors.Add("end: an ad hoc window needs its end.");
        }

        if (Start is { } s && End is { } e && e <= s) errors.Add("end: must be after the start.");
        return errors;
    }

    /// <summary>What it silences: "the whole estate", "host web01", "flow website-db".</summary>
    public string Subject => Scope switch
    {
        MaintenanceScope.Estate => "the whole estate",
        MaintenanceScope.Host => $"host {Target}",
        _ => $"flow {Target}",
    };

    public string Describe()
    {
        var what = Subject;
        if (!IsWeekly) return $"{what}, {Start:yyyy-MM-dd HH:mm} to {End:yyyy-MM-dd HH:mm} UTC";
        var days = string.Join(", ", Days!.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(d)));
        return $"{what}, every {days} at {StartTime:HH\\:mm} for {Duration:g} ({(string.IsNullOrWhiteSpace(TimeZone) ? "UTC" : TimeZone)})";
    }

    private TimeZoneInfo Zone() =>
        !string.IsNullOrWhiteSpace(TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
