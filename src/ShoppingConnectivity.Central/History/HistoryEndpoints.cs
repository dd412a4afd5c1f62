using System.Globalization;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>Trends, outages, availability reports and replays, as JSON and CSV.</summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var history = app.MapGroup("/api/v1/history").WithTags("History").RequireAuthorization(CentralPolicies.Viewer).LogProblems();
        history.MapGet("/trend", async (string? flow, string? from, string? to, HistoryQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var (range, problem) = Range(flow, from, to, queries, clock);
            return problem ?? Results.Ok(await queries.TrendAsync(flow, range.From, range.To, ct));
        });
        history.MapGet("/trend.csv", async (string? flow, string? from, string? to, HistoryQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var (range, problem) = Range(flow, from, to, queries, clock);
            if (problem is not null) return problem;
            var trend = await queries.TrendAsync(flow, range.From, range.To, ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(HistoryCsv.Trend(trend)), "text/csv; charset=utf-8",
                $"trend-{flow ?? "estate"}-{range.From:yyyyMMddHHmm}-{range.To:yyyyMMddHHmm}.csv");
        });
        history.MapGet("/outages", async (string? flow, string? from, string? to, HistoryQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var (range, problem) = Range(flow, from, to, queries, clock);
            return problem ?? Results.Ok(await queries.EdgePeriodsAsync(flow, range.From, range.To, ct));
        });
        history.MapGet("/link-outages", async (string? flow, string? from, string? to, HistoryQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var (range, problem) = Range(flow, from, to, queries, clock);
            return problem ?? Results.Ok(await queries.LinkOutagesAsync(flow, range.From, range.To, cancellationToken: ct));
        });
        history.MapGet("/availability", async (string? month, double? target, HistoryQueries queries, IOptions<HistoryOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var (period, problem) = Month(month, target, clock);
            return problem ?? Results.Ok(await queries.AvailabilityAsync(period.From, period.To, target ?? options.Value.AvailabilityTargetPercent, ct));
        });
        history.MapGet("/availability.csv", async (string? month, double? target, HistoryQueries queries, IOptions<HistoryOptions> options, TimeProvider clock, CancellationToken ct) =>
        {
            var (period, problem) = Month(month, target, clock);
            if (problem is not null) return problem;
            var rows = await queries.AvailabilityAsync(period.From, period.To, target ?? options.Value.AvailabilityTargetPercent, ct);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(HistoryCsv.Availability(rows, period.From, period.To)), "text/csv; charset=utf-8",
                $"availability-{period.From:yyyy-MM}.csv");
        });
        history.MapGet("/replay", async (string? at, HistoryQueries queries, CancellationToken ct) =>
        {
            if (!TryTime(at, out var moment)) return Problems.Invalid([$"at: '{at}' is not a date and time (ISO 8601, e.g. 2026-11-24T23:30:00Z)."]);
            return Results.Ok(await queries.ReplayAsync(moment, ct));
        });
        return app;
    }

    /// <summary>from/to as ISO 8601; to defaults to now and from to 24 hours before to.</summary>
    private static ((DateTimeOffset From, DateTimeOffset To) Range, IResult? Problem) Range(string? flow, string? from, string? to, HistoryQueries queries, TimeProvider clock)
    {
        var errors = new List<string>();
        var end = clock.GetUtcNow();
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

        if (errors.Count == 0) errors.AddRange(queries.Validate(flow, start, end));
        return ((start, end), errors.Count > 0 ? Problems.Invalid(errors) : null);
    }

    private static ((DateTimeOffset From, DateTimeOffset To) Period, IResult? Problem) Month(string? month, double? target, TimeProvider clock)
    {
        var errors = new List<string>();
        var now = clock.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        if (month is not null)
        {
            if (DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                first = new DateTimeOffset(parsed.Year, parsed.Month, 1, 0, 0, 0, TimeSpan.Zero);
            else
                errors.Add($"month: '{month}' is not a month as yyyy-MM (e.g. 2026-11).");
        }

        if (target is { } t && (double.IsNaN(t) || t <= 0 || t > 100)) errors.Add($"target: {t} is not a percentage above 0 and at most 100.");
        return ((first, first.AddMonths(1)), errors.Count > 0 ? Problems.Invalid(errors) : null);
    }

    private static bool TryTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
