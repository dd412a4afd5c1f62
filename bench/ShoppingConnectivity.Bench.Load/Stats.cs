using System.Collections.Concurrent;
using System.Globalization;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>Latencies and answers of many requests, thread-safe.</summary>
public sealed class RequestStats
{
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private long _accepted;

    public long AcceptedResults => Interlocked.Read(ref _accepted);

    public void Add(double milliseconds, string status, int acceptedResults)
    {
        _latencies.Add(milliseconds);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        Interlocked.Add(ref _accepted, acceptedResults);
    }

    public int Requests => _latencies.Count;

    public string Statuses => string.Join(", ", _statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {s.Value:N0}"));

    public int Errors => _statuses.Where(s => s.Key != "200").Sum(s => s.Value);

    public string Latency()
    {
        var sorted = _latencies.ToArray();
        Array.Sort(sorted);
        return sorted.Length == 0 ? "n=0"
            : string.Create(CultureInfo.InvariantCulture, $"n={sorted.Length:N0} p50={P(sorted, 50):0.0} ms p95={P(sorted, 95):0.0} ms p99={P(sorted, 99):0.0} ms max={sorted[^1]:0} ms");
    }

    public static double P(double[] sorted, double percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
