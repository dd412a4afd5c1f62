using System.Globalization;

namespace ShoppingConnectivity.Agent.Probes;

/// <summary>The HTTP statuses that prove a service, as the catalogue writes them: "200-399,401,403".</summary>
public sealed class StatusRanges
{
    private readonly (int From, int To)[] _ranges;

    private StatusRanges(string text, (int, int)[] ranges)
    {
        Text = text;
        _ranges = ranges;
    }

    public string Text { get; }

    public bool Contains(int status) => _ranges.Any(r => status >= r.From && status <= r.To);

    public override string ToString() => Text;

    /// <summary>Parses <paramref name="text"/>; null or blank gives <paramref name="fallback"/>. Errors name the bad part.</summary>
    public static bool TryParse(string? text, string fallback, out StatusRanges ranges, out string? error)
    {
        var source = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        var parsed = new List<(int, int)>();
        foreach (var part in source.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2 || !TryStatus(bounds[0], out var from) || !TryStatus(bounds[^1], out var to) || from > to)
            {
                ranges = new StatusRanges(source, []);
                error = $"ExpectStatus '{source}' is not a list of HTTP statuses or ranges (bad part '{part}'); write it like \"200-399,401,403\".";
                return false;
            }

            parsed.Add((from, to));
        }

        ranges = new StatusRanges(source, [.. parsed]);
        error = null;
        return true;
    }

    private static bool TryStatus(string text, out int status) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out status) && status is >= 100 and <= 599;
}
