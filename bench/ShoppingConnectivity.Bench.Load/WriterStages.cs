using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Where the ingestion writer's time goes, from central's own stage histogram (sc_ingestion_stage_duration_seconds on
/// /metrics): the sums per stage read before and after a run, so the difference is the run's.
/// </summary>
public static partial class WriterStages
{
    public const string ScrapeToken = "bench-scrape-token-0123456789abcdef";

    /// <summary>The settings a central needs for <see cref="ReadAsync"/> (the scrape token).</summary>
    public static KeyValuePair<string, string> Setting => new("Central__Metrics__ScrapeToken", ScrapeToken);

    /// <summary>Seconds spent per stage since central started.</summary>
    public static async Task<Dictionary<string, double>> ReadAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ScrapeToken);
        using var response = await http.SendAsync(request);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!response.IsSuccessStatusCode) return sums;
        foreach (Match m in SumLine().Matches(await response.Content.ReadAsStringAsync()))
            sums[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return sums;
    }

    /// <summary>"stage 123 ms (4.5 µs per result)" for each stage, largest first.</summary>
    public static IEnumerable<string> Describe(Dictionary<string, double> before, Dictionary<string, double> after, long results) =>
        after.Select(kv => (Stage: kv.Key, Seconds: kv.Value - before.GetValueOrDefault(kv.Key)))
            .OrderByDescending(s => s.Seconds)
            .Select(s => $"{s.Stage} {s.Seconds * 1000:N0} ms ({s.Seconds * 1e6 / Math.Max(1, results):0.0} µs per result)");

    [GeneratedRegex("""^sc_ingestion_stage_duration_seconds_sum\{[^}]*stage="([^"]+)"[^}]*\} ([0-9.eE+-]+)""", RegexOptions.Multiline)]
    private static partial Regex SumLine();
}
