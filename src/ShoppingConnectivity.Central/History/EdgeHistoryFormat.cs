using System.Globalization;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>The stored form of an edge change's counts and failing links.</summary>
public static class EdgeHistoryFormat
{
    public static string Counts(IReadOnlyDictionary<ProbeOutcome, int> counts) =>
        string.Join(';', counts.Where(c => c.Value > 0).OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value.ToString(CultureInfo.InvariantCulture)}"));

    public static Dictionary<ProbeOutcome, int> ParseCounts(string text)
    {
        var counts = new Dictionary<ProbeOutcome, int>();
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Enum.TryParse<ProbeOutcome>(pair[..eq], out var outcome) && int.TryParse(pair[(eq + 1)..], CultureInfo.InvariantCulture, out var n))
                counts[outcome] = n;
        }

        return counts;
    }

    public static EdgeChange ToChange(EdgeTransitionRecord t) => new(
        t.FlowId, t.FromColour, t.ToColour, t.At, t.Summary, ParseCounts(t.Counts), t.Links,
        t.FailingLinks.Length == 0 ? [] : t.FailingLinks.Split('\n'));
}
