namespace ShoppingConnectivity.Core.History;

/// <summary>
/// The x axis of a trend: one position per step of its range, on whole steps of UTC time (as the rollups merge them),
/// and each step's value or none. A step without a result has no value: charts draw it as a gap and tables as
/// "no data", never as 0 or 100 %.
/// </summary>
public static class TrendSteps
{
    /// <summary>The start of every step that overlaps the range, the first one at or before <paramref name="from"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Starts(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(step), step, "A step is longer than zero.");
        var starts = new List<DateTimeOffset>();
        var first = new DateTimeOffset(from.UtcTicks - from.UtcTicks % step.Ticks, TimeSpan.Zero);
        for (var s = first; s < to; s += step) starts.Add(s);
        return starts;
    }

    /// <summary>Each step's value from the point that starts it; null where no point does or the point has none.</summary>
    public static IReadOnlyList<double?> Align<T>(IReadOnlyList<DateTimeOffset> starts, IEnumerable<T> points, Func<T, DateTimeOffset> startOf, Func<T, double?> valueOf)
    {
        var byStart = new Dictionary<DateTimeOffset, T>();
        foreach (var point in points) byStart[startOf(point).ToUniversalTime()] = point;
        return starts.Select(s => byStart.TryGetValue(s, out var p) ? valueOf(p) : null).ToList();
    }
}
