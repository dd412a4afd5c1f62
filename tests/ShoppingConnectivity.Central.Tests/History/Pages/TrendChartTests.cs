using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ShoppingConnectivity.Central.Components;
using ShoppingConnectivity.Central.History.Pages;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.Tests.History.Pages;

/// <summary>The trend chart on its own: gaps where no probe ran, the axis in the reader's zone, the table alternative.</summary>
public sealed class TrendChartTests : IAsyncDisposable
{
    private static readonly DateTimeOffset From = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(1);
    private readonly BunitContext _ctx = new();

    public TrendChartTests() => _ctx.Services.AddScoped<UserTimeZone>();

    [Fact]
    public void TrendChart_StepsWithoutResults_BrokenLineHatchedGapAndNoDataInTheTable()
    {
        var cut = Render([100, 100, null, null, 50, null], yMax: 100);

        // Two runs with results: two sub-paths, none of them drawn through the missing steps.
        Assert.Equal(2, cut.Find("path.trend-series-0").GetAttribute("d")!.Count(c => c == 'M'));
        Assert.Equal(2, cut.FindAll(".trend-plot rect.trend-nodata").Count);
        var cells = cut.FindAll(".trend-table tbody td");
        Assert.Equal(["100 %", "100 %", "no data", "no data", "50 %", "no data"], cells.Select(c => c.TextContent));
        Assert.Equal(3, cut.FindAll(".trend-table td.trend-cell-nodata").Count);
        Assert.Contains("no data", cut.Find(".trend-legend").TextContent);
    }

    [Fact]
    public void TrendChart_NoResultAtAll_NoLineOneGapAcrossTheChart()
    {
        var cut = Render([null, null, null, null, null, null], yMax: 100);

        Assert.Equal("", cut.Find("path.trend-series-0").GetAttribute("d"));
        var gap = cut.Find(".trend-plot rect.trend-nodata");
        Assert.Equal("0", gap.GetAttribute("x"));
        Assert.Equal("1000", gap.GetAttribute("width"));
    }

    [Fact]
    public void TrendChart_Table_HeadersForTimeAndEachSeriesRowsInTheReadersZone()
    {
        _ctx.Services.GetRequiredService<UserTimeZone>().Use("Asia/Kolkata", null);

        var cut = Render([99, 98, 97, 96, 95, 94], yMax: 100);

        var headers = cut.FindAll(".trend-table thead th");
        Assert.All(headers, h => Assert.Equal("col", h.GetAttribute("scope")));
        Assert.Equal(["Step from (UTC+5:30)", "web01 \u2192 db01"], headers.Select(h => h.TextContent));
        var first = cut.Find(".trend-table tbody tr th");
        Assert.Equal("row", first.GetAttribute("scope"));
        Assert.Equal("2026-11-20 13:30 UTC+5:30", first.TextContent);
        Assert.Equal("Show as table", cut.Find("details.trend-table-toggle summary").TextContent);
        Assert.Null(cut.Find("details.trend-table-toggle").GetAttribute("open"));
    }

    [Fact]
    public void TrendChart_XAxis_ReaderZoneFromStartToEnd()
    {
        _ctx.Services.GetRequiredService<UserTimeZone>().Use("Asia/Kolkata", null);

        var cut = Render([99, 98, 97, 96, 95, 94], yMax: 100);

        var ticks = cut.FindAll(".trend-x-axis span");
        Assert.Equal(7, ticks.Count);
        Assert.Equal("13:30", ticks[0].TextContent);
        Assert.Equal("14:30", ticks[^1].TextContent);
        Assert.Contains("times in UTC+5:30", cut.Find(".trend-legend").TextContent);
    }

    [Fact]
    public void TrendChartDrawing_NoYMax_RoundNumberAboveTheHighest()
    {
        var drawing = Drawing([12, 38, null, 7, 1, 2], yMax: null);

        Assert.Equal(50, drawing.YMax);
        Assert.Equal([0, 25, 50], drawing.YTicks);
        Assert.Equal(200 - 38 / 50.0 * 200, drawing.Y(38), 6);
    }

    [Fact]
    public void TrendChartDrawing_LoneStepBetweenGaps_AFlatStrokeOneStepWide()
    {
        var drawing = Drawing([null, 80, null, null, null, null], yMax: 100);

        // The step 08:10-08:20 is x 166.67 to 333.33; its value 80 % is y 40.
        Assert.Equal("M166.67 40L333.33 40", drawing.PathOf(drawing.Series[0]));
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();

    private static TrendChartDrawing Drawing(double?[] values, double? yMax)
    {
        var step = TimeSpan.FromMinutes(10);
        return new TrendChartDrawing(From, To, step, TrendSteps.Starts(From, To, step), [new TrendSeries("web01 \u2192 db01", values)], yMax);
    }

    private IRenderedComponent<TrendChart> Render(double?[] values, double? yMax) =>
        _ctx.Render<TrendChart>(p => p
            .Add(c => c.Id, "uptime")
            .Add(c => c.Title, "Uptime %")
            .Add(c => c.Drawing, Drawing(values, yMax))
            .Add(c => c.From, From)
            .Add(c => c.To, To)
            .Add(c => c.Format, Formats.Percent));
}
