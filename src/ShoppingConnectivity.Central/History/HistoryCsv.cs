using System.Globalization;
using System.Text;
using ShoppingConnectivity.Core.History;

namespace ShoppingConnectivity.Central.History;

/// <summary>CSV exports of trends and availability reports (invariant culture, ISO times, RFC 4180 quoting).</summary>
public static class HistoryCsv
{
    /// <param name="ports">The ports the flow's probes use ("1433 (sql02: 14330)"); empty for the whole estate. Last column, so scripts reading by position keep working.</param>
    public static string Trend(Trend trend, string ports = "")
    {
        var csv = new StringBuilder("start_utc,flow,probes,reachable,uptime_percent,latency_p95_ms,latency_avg_ms,latency_min_ms,latency_max_ms,ports\n");
        foreach (var p in trend.Points)
        {
            Row(csv, p.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), trend.FlowId ?? "(estate)",
                N(p.Total), N(p.Reachable), D(p.UptimePercent, "0.####"), D(p.LatencyP95), D(p.LatencyAvg), D(p.LatencyMin), D(p.LatencyMax), ports);
        }

        return csv.ToString();
    }

    /// <param name="portsOf">The ports of a flow's probes, by flow id (last column).</param>
    public static string Availability(IEnumerable<AvailabilityRow> rows, DateTimeOffset from, DateTimeOffset to, Func<string, string>? portsOf = null)
    {
        var csv = new StringBuilder("flow,period_start_utc,period_end_utc,probes,failed,uptime_percent,target_percent,met,outages,longest_outage_minutes,total_outage_minutes,ports\n");
        foreach (var r in rows)
        {
            Row(csv, r.FlowId, from.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                N(r.Probes), N(r.Failed), D(r.UptimePercent, "0.####"), D(r.TargetPercent, "0.####"),
                r.Met is null ? "no data" : r.Met.Value ? "yes" : "no",
                r.Outages.ToString(CultureInfo.InvariantCulture), D(r.LongestOutage.TotalMinutes, "0.#"), D(r.TotalOutage.TotalMinutes, "0.#"),
                portsOf?.Invoke(r.FlowId) ?? "");
        }

        return csv.ToString();
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string D(double? d, string format = "0.###") => d?.ToString(format, CultureInfo.InvariantCulture) ?? "";

    private static void Row(StringBuilder csv, params string[] cells) =>
        csv.Append(string.Join(',', cells.Select(Quote))).Append('\n');

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
