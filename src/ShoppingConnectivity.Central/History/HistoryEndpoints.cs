using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Central.Api;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.History;
using ShoppingConnectivity.Core.Plans;

namespace ShoppingConnectivity.Central.History;

/// <summary>Trends, outages, availability reports and replays, as JSON and CSV. Parameters are read and checked by Core's <see cref="HistoryRequest"/>.</summary>
public static class HistoryEndpoints
{
    public static IEndpointRouteBuilder MapHistoryApi(this IEndpointRouteBuilder app)
    {
        var history = app.MapGroup("/api/v1/history").WithTags(ApiTags.History).RequireAuthorization(CentralPolicies.Viewer).LogProblems();
        // CSV is a file (Stream: a binary string in the document). Every one answers 400 naming each bad parameter (a problem result carries no status the document could read).
        history.MapGet("/trend", TrendAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetTrend").WithSummary("Outcome counts over time, of one flow or the whole estate (from, to: ISO 8601 or relative such as -24h).");
        history.MapGet("/trend.csv", TrendCsvAsync).Produces<Stream>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetTrendCsv").WithSummary("The trend as CSV.");
        history.MapGet("/outages", OutagesAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetOutages").WithSummary("The periods each edge was not green.");
        history.MapGet("/link-outages", LinkOutagesAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetLinkOutages").WithSummary("The outages of each link (one agent, one probe).");
        history.MapGet("/availability", AvailabilityAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetAvailability").WithSummary("A month's availability per flow against a target (month: yyyy-MM; target: percent).");
        history.MapGet("/availability.csv", AvailabilityCsvAsync).Produces<Stream>(StatusCodes.Status200OK, "text/csv").ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetAvailabilityCsv").WithSummary("The month's availability as CSV.");
        history.MapGet("/replay", ReplayAsync).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("GetReplay").WithSummary("The edges as they were at a moment (at: ISO 8601).");
        return app;
    }

    private static async Task<Results<Ok<Trend>, ProblemHttpResult>> TrendAsync(
        string? flow, string? from, string? to, HistoryQueries queries, FlowCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var range = HistoryRequest.Range(flow, from, to, clock.GetUtcNow(), catalogue);
        if (!range.IsValid) return Problems.Invalid(range.Errors);
        return TypedResults.Ok(await queries.TrendAsync(flow, range.From, range.To, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> TrendCsvAsync(
        string? flow, string? from, string? to, HistoryQueries queries, FlowCatalogue catalogue, EstateStore estate, TimeProvider clock, CancellationToken ct)
    {
        var range = HistoryRequest.Range(flow, from, to, clock.GetUtcNow(), catalogue);
        if (!range.IsValid) return Problems.Invalid(range.Errors);
        var trend = await queries.TrendAsync(flow, range.From, range.To, ct);
        var ports = flow is not null && catalogue.FindFlow(flow) is { } f ? EdgePorts.Of(f, estate.Current).Label : "";
        return Csv(HistoryCsv.Trend(trend, ports), $"trend-{flow ?? "estate"}-{range.From:yyyyMMddHHmm}-{range.To:yyyyMMddHHmm}.csv");
    }

    private static async Task<Results<Ok<IReadOnlyList<EdgePeriod>>, ProblemHttpResult>> OutagesAsync(
        string? flow, string? from, string? to, HistoryQueries queries, FlowCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var range = HistoryRequest.Range(flow, from, to, clock.GetUtcNow(), catalogue);
        if (!range.IsValid) return Problems.Invalid(range.Errors);
        return TypedResults.Ok(await queries.EdgePeriodsAsync(flow, range.From, range.To, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<EdgeOutage>>, ProblemHttpResult>> LinkOutagesAsync(
        string? flow, string? from, string? to, HistoryQueries queries, FlowCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var range = HistoryRequest.Range(flow, from, to, clock.GetUtcNow(), catalogue);
        if (!range.IsValid) return Problems.Invalid(range.Errors);
        return TypedResults.Ok(await queries.LinkOutagesAsync(flow, range.From, range.To, cancellationToken: ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<AvailabilityRow>>, ProblemHttpResult>> AvailabilityAsync(
        string? month, double? target, HistoryQueries queries, IOptions<HistoryOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var period = HistoryRequest.Month(month, target, clock.GetUtcNow());
        if (!period.IsValid) return Problems.Invalid(period.Errors);
        return TypedResults.Ok(await queries.AvailabilityAsync(period.From, period.To, target ?? options.Value.AvailabilityTargetPercent, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AvailabilityCsvAsync(
        string? month, double? target, HistoryQueries queries, IOptions<HistoryOptions> options, FlowCatalogue catalogue, EstateStore estate,
        TimeProvider clock, CancellationToken ct)
    {
        var period = HistoryRequest.Month(month, target, clock.GetUtcNow());
        if (!period.IsValid) return Problems.Invalid(period.Errors);
        var rows = await queries.AvailabilityAsync(period.From, period.To, target ?? options.Value.AvailabilityTargetPercent, ct);
        var inForce = estate.Current;
        return Csv(HistoryCsv.Availability(rows, period.From, period.To, id => catalogue.FindFlow(id) is { } f ? EdgePorts.Of(f, inForce).Label : ""), $"availability-{period.From:yyyy-MM}.csv");
    }

    private static async Task<Results<Ok<Replay>, ProblemHttpResult>> ReplayAsync(string? at, HistoryQueries queries, CancellationToken ct)
    {
        var (moment, errors) = HistoryRequest.Moment("at", at);
        if (errors.Count > 0) return Problems.Invalid(errors);
        return TypedResults.Ok(await queries.ReplayAsync(moment, ct));
    }

    private static FileContentHttpResult Csv(string text, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", fileName);
}
