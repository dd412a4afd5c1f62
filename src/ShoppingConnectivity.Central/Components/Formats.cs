using System.Globalization;
using ShoppingConnectivity.Core.Alerts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.Components;

/// <summary>
/// How pages write durations, moments and numbers. Moments are in UTC (the estate spans time zones) and every format
/// is culture-invariant, so the server's culture never changes what an operator reads or what a test expects.
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

    /// <summary>A moment to the second: "2026-11-20 12:30:05 UTC".</summary>
    public static string Moment(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", Invariant);

    /// <summary>A moment to the second, or "-" for none.</summary>
    public static string Moment(DateTimeOffset? at) => at is { } value ? Moment(value) : "-";

    /// <summary>A moment to the minute: "2026-11-20 12:30 UTC".</summary>
    public static string Minute(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant);

    /// <summary>The time of day only, for what is minutes old or away: "12:30:05 UTC".</summary>
    public static string TimeOfDay(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss 'UTC'", Invariant);

    /// <summary>"12 min ago (2026-11-20 12:18:05 UTC)", or "never".</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now) => at is { } value ? $"{Duration(now - value)} ago ({Moment(value)})" : "never";

    /// <summary>The value of a datetime-local input, which holds UTC here: "2026-11-20T12:30".</summary>
    public static string InputValue(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", Invariant);

    /// <summary>A datetime-local input's value read as UTC; null when it is no time.</summary>
    public static DateTimeOffset? ReadInput(string? value) =>
        DateTime.TryParse(value, Invariant, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : null;

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
