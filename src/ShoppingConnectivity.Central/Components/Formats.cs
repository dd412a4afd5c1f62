using System.Globalization;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// How pages write durations, moments and numbers. Moments are in the reader's zone (<see cref="DisplayZone"/>: their
/// browser's, UTC or one they chose), always named beside the time, and every format is culture-invariant and 24-hour,
/// so the server's culture never changes what an operator reads or what a test expects.
/// </summary>
public static class Formats
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"45 s", "12 min", "3 h 5 min", "4 days 2 h": Core's wording, so pages and alert mails agree.</summary>
    public static string Duration(TimeSpan span) => Durations.Describe(span);

    /// <summary>The width of a chart's step in its one whole unit ("5 minute(s)", "1 hour(s)"): a step is never "60 s".</summary>
    public static string Step(TimeSpan step) =>
        step >= TimeSpan.FromDays(1) ? $"{step.TotalDays.ToString("0", Invariant)} day(s)"
        : step >= TimeSpan.FromHours(1) ? $"{step.TotalHours.ToString("0", Invariant)} hour(s)"
        : $"{step.TotalMinutes.ToString("0", Invariant)} minute(s)";

    /// <summary>A moment to the second in the reader's zone, named: "2026-11-20 13:30:05 UTC+1".</summary>
    public static string Moment(DateTimeOffset at, DisplayZone zone) => $"{zone.Local(at).ToString("yyyy-MM-dd HH:mm:ss", Invariant)} {zone.NameAt(at)}";

    /// <summary>A moment to the second, or "-" for none.</summary>
    public static string Moment(DateTimeOffset? at, DisplayZone zone) => at is { } value ? Moment(value, zone) : "-";

    /// <summary>A moment to the minute: "2026-11-20 13:30 UTC+1".</summary>
    public static string Minute(DateTimeOffset at, DisplayZone zone) => $"{zone.Local(at).ToString("yyyy-MM-dd HH:mm", Invariant)} {zone.NameAt(at)}";

    /// <summary>The time of day only, for what is minutes old or away: "13:30:05 UTC+1".</summary>
    public static string TimeOfDay(DateTimeOffset at, DisplayZone zone) => $"{zone.Local(at).ToString("HH:mm:ss", Invariant)} {zone.NameAt(at)}";

    /// <summary>"12 min ago (2026-11-20 12:18:05 UTC)", or "never".</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now, DisplayZone zone) =>
        at is { } value ? $"{HowLongAgo(value, now)} ({Moment(value, zone)})" : "never";

    /// <summary>
    /// When a state began, as a duration first and the moment after: "22 min ago (13:30:05 UTC+1)" within a day, "3 days
    /// ago (2026-12-03 13:30 UTC+1)" beyond; "-" for none. Short enough for one line of a table cell.
    /// </summary>
    public static string Since(DateTimeOffset? at, DateTimeOffset now, DisplayZone zone)
    {
        if (at is not { } value) return "-";
        var moment = now - value < TimeSpan.FromDays(1) ? TimeOfDay(value, zone) : Minute(value, zone);
        return $"{HowLongAgo(value, now)} ({moment})";
    }

    /// <summary>"22 min ago"; "just now" under a second, and for a moment a little ahead of this clock (another host's).</summary>
    public static string HowLongAgo(DateTimeOffset at, DateTimeOffset now) =>
        now - at < TimeSpan.FromSeconds(1) ? "just now" : $"{Duration(now - at)} ago";

    /// <summary>The value of a datetime-local input, which holds the reader's wall-clock time: "2026-11-20T13:30".</summary>
    public static string InputValue(DateTimeOffset at, DisplayZone zone) => zone.Local(at).ToString("yyyy-MM-dd'T'HH:mm", Invariant);

    /// <summary>A 24-hour text input's value in the reader's zone, "2026-11-20 13:30": reads the same in every browser's locale.</summary>
    public static string InputText(DateTimeOffset at, DisplayZone zone) => zone.Local(at).ToString("yyyy-MM-dd HH:mm", Invariant);

    /// <summary>
    /// A chart axis label in the reader's zone, as precise as the range needs: "13:30" within two days, "11-20 13:30"
    /// within two weeks, "11-20" within half a year, "2026-11-20" beyond.
    /// </summary>
    public static string AxisTime(DateTimeOffset at, DisplayZone zone, TimeSpan range) =>
        zone.Local(at).ToString(
            range <= TimeSpan.FromDays(2) ? "HH:mm" : range <= TimeSpan.FromDays(14) ? "MM-dd HH:mm" : range <= TimeSpan.FromDays(183) ? "MM-dd" : "yyyy-MM-dd",
            Invariant);

    /// <summary>
    /// A datetime-local input's value (24-hour "2026-11-20T13:30" or "2026-11-20 13:30") read in the reader's zone; null
    /// when it is no time, or a time the zone's clock skips.
    /// </summary>
    public static DateTimeOffset? ReadInput(string? value, DisplayZone zone) =>
        DateTime.TryParseExact(value?.Trim(), InputFormats, Invariant, DateTimeStyles.None, out var local) ? zone.FromLocal(local) : null;

    // 24-hour only, and never a zone of its own ("Z", "+02:00"), which would shift the time silently.
    private static readonly string[] InputFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>A moment in a page's query string (ISO 8601, round-trip): "2026-11-20T12:30:00.0000000+00:00".</summary>
    public static string QueryValue(DateTimeOffset at) => at.ToString("O", Invariant);

    /// <summary>A moment from a query string by the history API's rule (ISO 8601, UTC unless it says otherwise); null when it is no time.</summary>
    public static DateTimeOffset? ReadQuery(string? value) =>
        HistoryRequest.Moment("at", value) is { Errors.Count: 0 } moment ? moment.At : null;

    /// <summary>"99.931 %", or "no data".</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("0.###", Invariant) + " %" : "no data";

    /// <summary>"12.5 ms", or "no data".</summary>
    public static string Milliseconds(double? value) => value is { } v ? v.ToString("0.#", Invariant) + " ms" : "no data";

    /// <summary>
    /// "Shopping Website → Shopping DB (SQL Server), TCP 1433 (sql02: 14330)": an edge by its roles' names and the ports
    /// the estate's plans probe, so a firewall team reading a title opens the port that is probed.
    /// </summary>
    public static string EdgeTitle(Flow flow, FlowCatalogue catalogue, Estate estate) =>
        EdgeTitle(flow.From, flow.To, EdgePorts.Of(flow, estate).Label, catalogue);

    /// <summary>The same title for roles and a ports label already known (a live edge carries its own).</summary>
    public static string EdgeTitle(string from, string to, string ports, FlowCatalogue catalogue) =>
        $"{RoleName(from, catalogue)} \u2192 {RoleName(to, catalogue)}, TCP {ports}";

    /// <summary>A role by the name people know it by ("Central Service", not its id "CentralService").</summary>
    public static string RoleName(string id, FlowCatalogue catalogue) => catalogue.FindRole(id)?.Name ?? id;

    /// <summary>A host's own page (its matrix of links in and out): every host name shown links there.</summary>
    public static string HostHref(string host) => $"/hosts/{Uri.EscapeDataString(host)}";

    /// <summary>"4,812".</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);
}
