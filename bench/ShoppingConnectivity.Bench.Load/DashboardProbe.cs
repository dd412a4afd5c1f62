using System.Diagnostics;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>What someone at the dashboard waits for: the edges (as the diagram reads them) and the diagram page itself.</summary>
public static class DashboardProbe
{
    public sealed record Figures(RequestStats Edges, RequestStats Page)
    {
        public override string ToString() => $"GET /api/v1/edges {Edges.Latency()}; GET / (diagram page) {Page.Latency()}";
    }

    public static async Task<Figures> SampleAsync(string url, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
        var edges = new RequestStats();
        var page = new RequestStats();
        var clock = Stopwatch.StartNew();
        var round = 0;
        try
        {
            while (clock.Elapsed < duration && !cancellationToken.IsCancellationRequested)
            {
                await Time(edges, "/api/v1/edges");
                if (round++ % 4 == 0) await Time(page, "/");
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by the caller.
        }

        return new Figures(edges, page);

        async Task Time(RequestStats stats, string path)
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path, CancellationToken.None);
            _ = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
            stats.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), 0);
        }
    }
}
