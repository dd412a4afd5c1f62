using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Edges;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History.Pages;

/// <summary>
/// The trend page's state: the range its route and query ask for, the trends read for it, the charts drawn from them,
/// and the query each control navigates to. The page keeps the markup and hands its events here.
/// </summary>
/// <param name="estate">The estate in force: titles name the ports its plans probe.</param>
/// <param name="zone">The reader's zone: axis labels and the custom range's inputs are in it (null: UTC).</param>
public sealed class TrendPageModel(FlowCatalogue catalogue, Func<Estate> estate, DisplayZone? zone = null)
{
    public const string CustomRange = "custom";

    /// <summary>Reads one edge's (null: the whole estate's) trend over a range.</summary>
    public delegate Task<Trend> TrendReader(string? flowId, DateTimeOffset from, DateTimeOffset to);

    public static IReadOnlyList<(string Key, TimeSpan Span)> Ranges { get; } =
    [
        ("1h", TimeSpan.FromHours(1)), ("6h", TimeSpan.FromHours(6)), ("24h", TimeSpan.FromHours(24)), ("7d", TimeSpan.FromDays(7)), ("30d", TimeSpan.FromDays(30)),
        ("90d", TimeSpan.FromDays(90)), ("1y", TimeSpan.FromDays(365)),
    ];

    public DisplayZone Zone { get; } = zone ?? DisplayZone.UtcZone;

    /// <summary>Null: the whole estate.</summary>
    public string? FlowId { get; private set; }

    /// <summary>The edge drawn beside it; null: none.</summary>
    public string? Compare { get; private set; }

    /// <summary>A key of <see cref="Ranges"/> or <see cref="CustomRange"/>.</summary>
    public string Range { get; private set; } = "24h";

    public DateTimeOffset From { get; private set; }

    /// <summary>
    /// The range shown before a drag zoomed in (a range key, or "from/to" as ISO 8601 times); null when not zoomed.
    /// Reset zoom goes back to it.
    /// </summary>
    public string? Zoomed { get; private set; }

    public DateTimeOffset To { get; private set; }

    /// <summary>When the page was read: ongoing outages last until then.</summary>
    public DateTimeOffset Now { get; private set; }

    public Trend? Trend { get; private set; }

    public Trend? CompareTrend { get; private set; }

    /// <summary>Why the range cannot be shown; null when it can.</summary>
    public string? Error { get; private set; }

    /// <summary>The start of each step of the range (UTC), one x position each.</summary>
    public IReadOnlyList<DateTimeOffset> Starts { get; private set; } = [];

    public List<TrendSeries> UptimeSeries { get; private set; } = [];

    public List<TrendSeries> LatencySeries { get; private set; } = [];

    /// <summary>The spans of the range with probe results (of the edge shown): the outage timeline is grey elsewhere.</summary>
    public IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> Covered { get; private set; } = [];

    /// <summary>The uptime chart: 0 to 100 %, gaps where no probe ran.</summary>
    public TrendChartDrawing? UptimeChart { get; private set; }

    /// <summary>The latency chart: 0 to a round number above the highest p95.</summary>
    public TrendChartDrawing? LatencyChart { get; private set; }

    /// <summary>Neither edge has a probe result in the range.</summary>
    public bool Empty => Trend is { Total: 0 } && (CompareTrend?.Total ?? 0) == 0;

    public string Title => TitleOf(FlowId);

    /// <summary>
    /// The route's flow and the query's range: a named range ends now (or at <paramref name="to"/>); a custom one
    /// runs from <paramref name="from"/> to <paramref name="to"/>, each defaulting as the 24 hours up to now do.
    /// </summary>
    public void Read(string? flowId, string? range, string? from, string? to, string? compare, DateTimeOffset now, string? zoomed = null)
    {
        Zoomed = ReadOuter(zoomed) is null ? null : zoomed;
        FlowId = string.IsNullOrEmpty(flowId) ? null : flowId;
        Compare = string.IsNullOrEmpty(compare) ? null : compare;
        Range = range ?? (from is not null || to is not null ? CustomRange : "24h");
        Now = now;
        To = Formats.ReadQuery(to) ?? now;
        var span = Ranges.FirstOrDefault(r => r.Key == Range).Span;
        From = Range != CustomRange && span != default
            ? To - span
            : Formats.ReadQuery(from) ?? To - (span == default ? TimeSpan.FromHours(24) : span);
    }

    /// <summary>Checks the range and both edges, then reads their trends and draws the charts.</summary>
    public async Task LoadAsync(TrendReader read)
    {
        var errors = HistoryRequest.Validate(FlowId, From, To, catalogue)
            .Concat(Compare is null ? [] : HistoryRequest.Validate(Compare, From, To, catalogue)).Distinct().ToList();
        if (errors.Count > 0)
        {
            Error = string.Join(" ", errors);
            Trend = null;
            return;
        }

        Error = null;
        Trend = await read(FlowId, From, To);
        CompareTrend = Compare is null ? null : await read(Compare, From, To);
        DrawCharts(Trend, CompareTrend);
    }

    /// <summary>The query for a range button: a custom range starts from the range shown.</summary>
    public IReadOnlyDictionary<string, object?> RangeQuery(string key) => new Dictionary<string, object?>
    {
        ["range"] = key,
        ["from"] = key == CustomRange ? Formats.QueryValue(From) : null,
        ["to"] = key == CustomRange ? Formats.QueryValue(To) : null,
        ["zoomed"] = null,
    };

    /// <summary>The query once one end of the custom range was typed (24-hour, the reader's zone); null when the input holds no time.</summary>
    public IReadOnlyDictionary<string, object?>? CustomQuery(string? input, bool isFrom) => Formats.ReadInput(input, Zone) is { } moment
        ? new Dictionary<string, object?>
        {
            ["range"] = CustomRange,
            ["from"] = Formats.QueryValue(isFrom ? moment : From),
            ["to"] = Formats.QueryValue(isFrom ? To : moment),
            ["zoomed"] = null,
        }
        : null;

    /// <summary>Zoom can be no narrower than this: a minute, the finest step.</summary>
    public static readonly TimeSpan MinimumZoom = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The query once a span of the charts was dragged: <paramref name="start"/> and <paramref name="end"/> are where
    /// it began and ended across the plot (0 its left, 1 its right, either order). The range becomes that span, to whole
    /// minutes around it; the range it zoomed from is kept for Reset zoom. Null when the span is not a span (not a number,
    /// or narrower than <see cref="MinimumZoom"/>).
    /// </summary>
    public IReadOnlyDictionary<string, object?>? ZoomQuery(double start, double end)
    {
        if (!double.IsFinite(start) || !double.IsFinite(end)) return null;
        var (a, b) = (Math.Clamp(Math.Min(start, end), 0, 1), Math.Clamp(Math.Max(start, end), 0, 1));
        var span = To - From;
        if (span * (b - a) < MinimumZoom) return null;
        var from = Floor(From + span * a);
        var to = Ceiling(From + span * b);
        if (to > To) to = To;
        if (from < From) from = From;
        return new Dictionary<string, object?>
        {
            ["range"] = CustomRange,
            ["from"] = Formats.QueryValue(from),
            ["to"] = Formats.QueryValue(to),
            ["zoomed"] = Zoomed ?? (Range == CustomRange ? $"{Formats.QueryValue(From)}/{Formats.QueryValue(To)}" : Range),
        };
    }

    /// <summary>The query of Reset zoom: the range shown before the first drag; null when not zoomed.</summary>
    public IReadOnlyDictionary<string, object?>? ResetZoomQuery() => ReadOuter(Zoomed) is { } outer
        ? new Dictionary<string, object?>
        {
            ["range"] = outer.Range,
            ["from"] = outer.From is { } from ? Formats.QueryValue(from) : null,
            ["to"] = outer.To is { } to ? Formats.QueryValue(to) : null,
            ["zoomed"] = null,
        }
        : null;

    // A range key, or "from/to" (ISO 8601 interval) for a custom range; null when it is neither.
    private static (string Range, DateTimeOffset? From, DateTimeOffset? To)? ReadOuter(string? zoomed)
    {
        if (string.IsNullOrEmpty(zoomed)) return null;
        if (Ranges.Any(r => r.Key == zoomed)) return (zoomed, null, null);
        var parts = zoomed.Split('/');
        return parts.Length == 2 && Formats.ReadQuery(parts[0]) is { } from && Formats.ReadQuery(parts[1]) is { } to && from < to
            ? (CustomRange, from, to)
            : null;
    }

    private static DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset at) => at.UtcTicks % TimeSpan.TicksPerMinute == 0 ? at.ToUniversalTime() : Floor(at).AddMinutes(1);

    /// <summary>
    /// This edge's trend zoomed in around an outage: from a quarter of its length (at least 15 minutes) before it to as
    /// much after it (an ongoing one: until now), with the range shown now kept for Reset zoom.
    /// </summary>
    public string ZoomUrl(EdgePeriod outage)
    {
        var end = outage.End ?? Now;
        var pad = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(15).Ticks, (end - outage.Start).Ticks / 4));
        var to = end + pad > Now ? Now : end + pad;
        var zoomed = Zoomed ?? (Range == CustomRange ? $"{Formats.QueryValue(From)}/{Formats.QueryValue(To)}" : Range);
        return PathOf(outage.FlowId, $"?range={CustomRange}&from={Uri.EscapeDataString(Formats.QueryValue(outage.Start - pad))}" +
            $"&to={Uri.EscapeDataString(Formats.QueryValue(to))}&zoomed={Uri.EscapeDataString(zoomed)}");
    }

    /// <summary>The page of another edge (empty: the whole estate), with the same query.</summary>
    public static string PathOf(string? flowId, string query) => (string.IsNullOrEmpty(flowId) ? "/trends" : $"/trends/{flowId}") + query;

    public string CsvUrl =>
        $"/api/v1/history/trend.csv?{(FlowId is null ? "" : $"flow={FlowId}&")}from={Uri.EscapeDataString(Formats.QueryValue(From))}&to={Uri.EscapeDataString(Formats.QueryValue(To))}";

    /// <summary>The diagram at the first outage shown, else at the end of the range.</summary>
    public string ReplayUrl => $"/replay?at={Uri.EscapeDataString(Formats.QueryValue(Trend?.Outages.FirstOrDefault()?.Start ?? To))}";

    public string TitleOf(string? flowId) =>
        flowId is null ? "Whole estate" : catalogue.FindFlow(flowId) is { } flow ? Label(flow) : flowId;

    public string Label(Flow flow) => Formats.EdgeTitle(flow, catalogue, estate());

    /// <summary>Outages are the broken (red) periods; partial (amber) ones are listed but not counted as outages.</summary>
    public string OutageSummary(Trend trend)
    {
        var broken = trend.Outages.Where(o => o.Colour == EdgeColour.Red).ToList();
        return broken.Count == 0 ? "none" : $"{broken.Count}, longest {Formats.Duration(broken.Max(o => o.DurationUntil(Until)))}";
    }

    /// <summary>
    /// How long it lasted within the range: an outage still open at the end of a range that ends now is ongoing; one
    /// open at the end of a range in the past (a zoom into an incident) lasted at least until the range's end.
    /// </summary>
    public string Lasted(EdgePeriod outage) =>
        outage.End is not null ? Formats.Duration(outage.DurationUntil(Until))
        : Until < Now ? $"{Formats.Duration(outage.DurationUntil(Until))} or more (past the range's end)"
        : $"{Formats.Duration(outage.DurationUntil(Until))} (ongoing)";

    // Open outages are measured to the range's end, or to now when the range reaches it.
    private DateTimeOffset Until => To < Now.AddMinutes(-1) ? To : Now;

    /// <summary>The first few, then how many more.</summary>
    public static string Shorten(IReadOnlyList<string> items) =>
        items.Count <= 4 ? string.Join(", ", items) : string.Join(", ", items.Take(3)) + $" and {items.Count - 3} more";

    private void DrawCharts(Trend trend, Trend? compare)
    {
        // One x position per step of the range, so the compared edge lines up point for point.
        var starts = Starts = TrendSteps.Starts(trend.From, trend.To, trend.Step);

        UptimeSeries = [Series(TitleOf(FlowId), trend, starts, p => p.UptimePercent)];
        LatencySeries = [Series(TitleOf(FlowId), trend, starts, p => p.LatencyP95)];
        if (compare is not null)
        {
            UptimeSeries.Add(Series(TitleOf(Compare), compare, starts, p => p.UptimePercent));
            LatencySeries.Add(Series(TitleOf(Compare), compare, starts, p => p.LatencyP95));
        }

        Covered = CoveredSpans(starts, UptimeSeries[0].Values, trend);
        UptimeChart = new TrendChartDrawing(trend.From, trend.To, trend.Step, starts, UptimeSeries, 100);
        LatencyChart = new TrendChartDrawing(trend.From, trend.To, trend.Step, starts, LatencySeries, null);
    }

    private static List<(DateTimeOffset Start, DateTimeOffset End)> CoveredSpans(IReadOnlyList<DateTimeOffset> starts, IReadOnlyList<double?> values, Trend trend)
    {
        var spans = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        for (var i = 0; i < starts.Count; i++)
        {
            if (values[i] is null) continue;
            var start = starts[i] < trend.From ? trend.From : starts[i];
            var end = starts[i] + trend.Step > trend.To ? trend.To : starts[i] + trend.Step;
            if (spans.Count > 0 && spans[^1].End == start) spans[^1] = (spans[^1].Start, end);
            else spans.Add((start, end));
        }

        return spans;
    }

    // A step with no probe run has no uptime (not 0 %, not 100 %): its value stays null, a gap.
    private static TrendSeries Series(string name, Trend trend, IReadOnlyList<DateTimeOffset> starts, Func<TrendPoint, double?> value) =>
        new(name, TrendSteps.Align(starts, trend.Points, p => p.Start, p => p.Total == 0 ? null : value(p)));
}
