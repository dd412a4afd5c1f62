using System.Globalization;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The figures a run is judged by: each bench adds its own (figure, goal, measured, ratio to the goal, met or not) to
/// the file SC_BENCH_FIGURES names, and bench/run-all.sh prints them as one table and writes docs/benchmarks.md's
/// summary from it. Without the variable the figures are only printed.
/// </summary>
public static class Report
{
    /// <summary>A figure whose goal is a floor (at least <paramref name="goal"/>): ratio = measured / goal.</summary>
    public static void AtLeast(string figure, double measured, double goal, string unit, string format = "N0") =>
        Add(figure, $">= {Format(goal, format)} {unit}", $"{Format(measured, format)} {unit}", goal == 0 ? double.NaN : measured / goal, measured >= goal);

    /// <summary>A figure whose goal is a ceiling (at most <paramref name="goal"/>): ratio = measured / goal.</summary>
    public static void AtMost(string figure, double measured, double goal, string unit, string format = "N0") =>
        Add(figure, $"<= {Format(goal, format)} {unit}", $"{Format(measured, format)} {unit}", goal == 0 ? double.NaN : measured / goal, measured <= goal);

    /// <summary>A figure with no goal of its own (a ceiling, a comparison's other side): shown, never failed.</summary>
    public static void Info(string figure, double measured, string unit, string format = "N0") =>
        Add(figure, "-", $"{Format(measured, format)} {unit}", double.NaN, null);

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Add(string figure, string goal, string measured, double ratio, bool? met)
    {
        var verdict = met switch { true => "met", false => "MISSED", null => "" };
        var ratioText = double.IsNaN(ratio) ? "-" : ratio.ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine($"figure: {figure} | goal {goal} | measured {measured} | ratio {ratioText} {verdict}");
        if (Environment.GetEnvironmentVariable("SC_BENCH_FIGURES") is { Length: > 0 } path)
            File.AppendAllText(path, string.Join('\t', figure, goal, measured, ratioText, verdict) + "\n");
    }
}
