using System.Globalization;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.History;

/// <summary>
/// The parameters of a history query (API and pages) read and checked: a time range or a report month. Every error
/// names its parameter, so a caller is told what to change.
/// </summary>
public static class HistoryRequest
{
    /// <summary>The longest range one query reads (a year and a bit: the hour roll-ups' default retention).</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    /// <summary>
    /// <paramref name="from"/> and <paramref name="to"/> as ISO 8601 (UTC unless they say otherwise); to defaults to
    /// <paramref name="now"/> and from to 24 hours before to. Then the range and the flow are checked.
    /// </summary>
    public static HistoryRange Range(string? flow, string? from, string? to, DateTimeOffset now, FlowCatalogue catalogue)
    {
        var errors = new List<string>();
        var end = now;
        if (to is not null && !TryTime(to, out end)) errors.Add($"to: '{to}' is not a date and time (ISO 8601).");
        DateTimeOffset start;
        if (from is not null)
        {
            if (!TryTime(from, out start)) errors.Add($"from: '{from}' is not a date and time (ISO 8601).");
        }
        else if (end < DateTimeOffset.MinValue.AddDays(1))
        {
            // (found by the fuzz test: to=0001-01-01 with no from overflowed into a 500)
            start = end;
            errors.Add($"to: '{to}' leaves no 24 hours before it for the default range; give from as well.");
        }
        else
        {
            start = end.AddDays(-1);
        }

        if (errors.Count == 0) errors.AddRange(Validate(flow, start, end, catalogue));
        return new HistoryRange(start, end, errors);
    }

    /// <summary>A report month as yyyy-MM (default: the month of <paramref name="now"/>, UTC) and its target percentage.</summary>
    public static HistoryRange Month(string? month, double? target, DateTimeOffset now)
    {
        var errors = new List<string>();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (month is not null)
        {
            if (DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                first = new DateTimeOffset(parsed.Year, parsed.Month, 1, 0, 0, 0, TimeSpan.Zero);
            else
                errors.Add($"month: '{month}' is not a month as yyyy-MM (e.g. 2026-11).");
        }

        if (target is { } t && (double.IsNaN(t) || t <= 0 || t > 100)) errors.Add($"target: {t} is not a percentage above 0 and at most 100.");
        return new HistoryRange(first, first.AddMonths(1), errors);
    }

    /// <summary>A moment as ISO 8601; the error names the parameter.</summary>
    public static (DateTimeOffset At, IReadOnlyList<string> Errors) Moment(string parameter, string? text) =>
        TryTime(text, out var at) ? (at, []) : (at, [$"{parameter}: '{text}' is not a date and time (ISO 8601, e.g. 2026-11-24T23:30:00Z)."]);

    /// <summary>A flow (null: the whole estate) known to the catalogue and a range that is forward and not too long.</summary>
    public static IReadOnlyList<string> Validate(string? flowId, DateTimeOffset from, DateTimeOffset to, FlowCatalogue catalogue)
    {
        var errors = new List<string>();
        if (flowId is not null && catalogue.FindFlow(flowId) is null) errors.Add($"flow: unknown flow '{flowId}'.");
        if (from >= to) errors.Add($"from: {from:O} is not before to ({to:O}).");
        else if (to - from > MaxRange) errors.Add($"to: the range is {(to - from).TotalDays:N0} days; at most {MaxRange.TotalDays:N0}.");
        return errors;
    }

    private static bool TryTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
