using System.Globalization;
using System.Text;

namespace ShoppingConnectivity.Central.History.Pages;

/// <summary>
/// Where a trend chart draws its lines: x by time across the range (so a dragged span reads back as times), y by value.
/// A step without a result breaks the line (a gap, never 0 or 100 %); a lone step between gaps is a short flat stroke
/// one step wide, so it still shows. Units are the SVG's viewBox, <see cref="Width"/> by <see cref="Height"/>.
/// </summary>
public sealed class TrendChartDrawing
{
    public const double Width = 1000;
    public const double Height = 200;

    private readonly DateTimeOffset _from;
    private readonly DateTimeOffset _to;

    public TrendChartDrawing(DateTimeOffset from, DateTimeOffset to, TimeSpan step, IReadOnlyList<DateTimeOffset> starts, IReadOnlyList<TrendSeries> series, double? yMax)
    {
        _from = from;
        _to = to;
        Step = step;
        Starts = starts;
        Series = series;
        var highest = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        YMax = yMax ?? NiceCeiling(highest);
    }

    public TimeSpan Step { get; }

    public IReadOnlyList<DateTimeOffset> Starts { get; }

    public IReadOnlyList<TrendSeries> Series { get; }

    /// <summary>The value at the top of the chart: the one given (100 %), else a round number at or above the highest.</summary>
    public double YMax { get; }

    /// <summary>Where a moment sits across the chart, 0 to <see cref="Width"/>.</summary>
    public double X(DateTimeOffset at) =>
        Math.Clamp((at - _from).TotalSeconds / Math.Max(1, (_to - _from).TotalSeconds) * Width, 0, Width);

    public double Y(double value) => Height - Math.Clamp(value / YMax, 0, 1) * Height;

    /// <summary>The SVG path of one series: a sub-path per run of steps with results.</summary>
    public string PathOf(TrendSeries series)
    {
        var path = new StringBuilder();
        var run = new List<(double X, double Y)>();
        for (var i = 0; i <= series.Values.Count; i++)
        {
            if (i < series.Values.Count && series.Values[i] is { } value)
            {
                run.Add((X(Middle(i)), Y(value)));
                continue;
            }

            if (run.Count == 1)
            {
                // One step alone: a flat stroke across its own step.
                var half = Math.Max(2, X(Starts[0] + Step) - X(Starts[0])) / 2;
                path.Append($"M{F(run[0].X - half)} {F(run[0].Y)}L{F(run[0].X + half)} {F(run[0].Y)}");
            }
            else if (run.Count > 1)
            {
                path.Append($"M{F(run[0].X)} {F(run[0].Y)}");
                foreach (var (x, y) in run.Skip(1)) path.Append($"L{F(x)} {F(y)}");
            }

            run.Clear();
        }

        return path.ToString();
    }

    /// <summary>The spans (x and width) where no series has a result: drawn hatched and named "no data".</summary>
    public IReadOnlyList<(double X, double Width)> Gaps()
    {
        var gaps = new List<(double X, double Width)>();
        for (var i = 0; i < Starts.Count; i++)
        {
            if (Series.Any(s => i < s.Values.Count && s.Values[i] is not null)) continue;
            var x = X(Starts[i]);
            var end = X(Starts[i] + Step);
            if (gaps.Count > 0 && Math.Abs(gaps[^1].X + gaps[^1].Width - x) < 0.01) gaps[^1] = (gaps[^1].X, end - gaps[^1].X);
            else gaps.Add((x, end - x));
        }

        return gaps.Where(g => g.Width > 0).ToList();
    }

    /// <summary>The y axis's values: 0, half and the top.</summary>
    public IReadOnlyList<double> YTicks => [0, YMax / 2, YMax];

    /// <summary>Times for the x axis's labels: the range's start, its end and evenly between.</summary>
    public IReadOnlyList<DateTimeOffset> XTicks(int count = 6) =>
        Enumerable.Range(0, count + 1).Select(k => _from + (_to - _from) * k / count).ToList();

    public static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // The middle of a step, within the range (the first and last steps may stick out of it).
    private DateTimeOffset Middle(int i)
    {
        var middle = Starts[i] + Step / 2;
        return middle < _from ? _from : middle > _to ? _to : middle;
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
            if (m * magnitude >= value) return m * magnitude;
        return 10 * magnitude;
    }
}
