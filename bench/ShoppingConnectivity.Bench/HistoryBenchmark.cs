using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor.Services;
using ShoppingConnectivity.Central;
using ShoppingConnectivity.Central.Data;
using ShoppingConnectivity.Central.Estates;
using ShoppingConnectivity.Central.History;
using ShoppingConnectivity.Central.History.Pages;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Bench;

/// <summary>
/// Writes 90 days of history for a 50,000-agent estate (rollups and transitions as central keeps them, plus raw
/// results for a sample of minutes to measure their size), then times the 90-day trend of every edge: the query
/// and the trend page rendered to HTML by Blazor's renderer, as a browser's first load gets it.
/// </summary>
public static class HistoryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var agents = Int(args, "--agents", 50_000);
        var days = Int(args, "--days", 90);
        var rawMinutes = Int(args, "--raw-minutes", 10);
        var directory = Value(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "sc-bench-history");
        var reuse = args.Contains("--reuse");
        Directory.CreateDirectory(directory);
        var dbPath = Path.Combine(directory, "history.db");
        var now = new DateTimeOffset(DateTime.UtcNow.Year, DateTime.UtcNow.Month, DateTime.UtcNow.Day, DateTime.UtcNow.Hour, 0, 0, TimeSpan.Zero);

        await using var services = Services(dbPath, now);
        var catalogue = FlowCatalogue.Default;
        var estate = EstateShape.For(catalogue, agents);
        Console.WriteLine($"Estate: {agents:N0} client agents + {estate.Servers} servers; {estate.Flows.Count} flows probed; " +
                          $"{estate.ResultsPerSecond:N0} results/s at the centre; {days} days of history.");

        if (!reuse || !File.Exists(dbPath))
        {
            if (File.Exists(dbPath)) File.Delete(dbPath);
            await using (var db = await services.GetRequiredService<IDbContextFactory<CentralDbContext>>().CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
            }

            var sizes = await Generator.WriteAsync(dbPath, estate, now, days, rawMinutes);
            Console.WriteLine();
            Console.WriteLine("Storage (SQLite, bytes measured as the file grew per table):");
            Console.WriteLine($"  {"kind",-16} {"rows written",14} {"bytes/row",10} {"per day",12} {"kept",8} {"at retention",14}");
            foreach (var s in sizes)
            {
                Console.WriteLine($"  {s.Kind,-16} {s.Rows,14:N0} {s.BytesPerRow,10:N1} {Size(s.BytesPerDay),12} {s.KeptDays + " d",8} {Size(s.BytesPerDay * s.KeptDays),14}");
            }
        }

        var queries = services.GetRequiredService<HistoryQueries>();
        var from = now.AddDays(-days);
        // One untimed pass: the first query of a process pays for JIT and EF's model building, not for the data.
        await queries.TrendAsync(catalogue.Flows[0].Id, from, now);
        await RenderAsync(services, catalogue.Flows[0].Id, days);
        await queries.TrendAsync(null, from, now);
        await RenderAsync(services, null, days);


        Console.WriteLine();
        Console.WriteLine($"{days}-day trend of every edge (hour roll-ups): the API's query alone, and the whole page as a browser's");
        Console.WriteLine("first load gets it (the page runs the same query, then renders charts, outage timeline and table):");
        Console.WriteLine($"  {"edge",-34} {"points",7} {"outages",8} {"query ms",9} {"page ms",9}");
        var totals = new List<double>();
        foreach (var flowId in catalogue.Flows.Select(f => f.Id).Append(null))
        {
            var clock = Stopwatch.StartNew();
            var trend = await queries.TrendAsync(flowId, from, now);
            var queryMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var html = await RenderAsync(services, flowId, days);
            var renderMs = clock.Elapsed.TotalMilliseconds;
            if (!html.Contains("trend-uptime", StringComparison.Ordinal)) throw new InvalidOperationException("The trend page did not render its figures.");
            totals.Add(renderMs);
            Console.WriteLine($"  {flowId ?? "(whole estate)",-34} {trend.Points.Count,7} {trend.Outages.Count,8} {queryMs,9:N1} {renderMs,9:N1}");
        }

        totals.Sort();
        Console.WriteLine($"  page of every edge: p50 {Percentile(totals, 0.5):N1} ms, p95 {Percentile(totals, 0.95):N1} ms, max {totals[^1]:N1} ms (target: under 300 ms)");
        return totals[^1] < 300 ? 0 : 1;
    }

    private static async Task<string> RenderAsync(IServiceProvider services, string? flowId, int days)
    {
        var navigation = (BenchNavigation)services.GetRequiredService<NavigationManager>();
        navigation.Go($"http://bench/trends/{flowId}?range=custom&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-days).ToString("O"))}");
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = flowId is null ? ParameterView.Empty : ParameterView.FromDictionary(new Dictionary<string, object?> { ["FlowId"] = flowId });
            var output = await renderer.RenderComponentAsync<TrendPage>(parameters);
            return output.ToHtmlString();
        });
    }

    private static ServiceProvider Services(string dbPath, DateTimeOffset now)
    {
        var services = new ServiceCollection();
        // MudBlazor complains that static rendering has no popover provider: true, and irrelevant to a first render.
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("MudBlazor", LogLevel.None).AddConsole());
        services.AddSingleton(FlowCatalogue.Default);
        services.AddSingleton<TimeProvider>(new FixedClock(now));
        services.AddSingleton(Options.Create(new CentralOptions()));
        services.AddSingleton(Options.Create(new HistoryOptions()));
        services.AddDbContextFactory<CentralDbContext>(o => o.UseSqlite(new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = true }.ToString()));
        services.AddSingleton<EstateFileMirror>();
        services.AddSingleton<EstateStore>();
        services.AddSingleton<LiveState>();
        services.AddSingleton<HistoryQueries>();
        services.AddScoped<ShoppingConnectivity.Central.Components.UserTimeZone>();
        services.AddMudServices();
        // What the page needs to read ?range=...&from=... (SupplyParameterFromQuery) outside a web host.
        services.AddSupplyValueFromQueryProvider();
        services.AddSingleton<NavigationManager, BenchNavigation>();
        services.AddSingleton<IJSRuntime, NoJavaScript>();
        return services.BuildServiceProvider();
    }

    private static double Percentile(List<double> sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    internal static string Size(double bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (1L << 30):N1} GiB",
        >= 1L << 20 => $"{bytes / (1L << 20):N1} MiB",
        _ => $"{bytes / 1024:N0} KiB",
    };

    private static int Int(string[] args, string name, int fallback) =>
        Value(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>Static rendering runs no JavaScript; a call would be a bug in the page.</summary>
    private sealed class NoJavaScript : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"JavaScript '{identifier}' called during static rendering.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }

    private sealed class BenchNavigation : NavigationManager
    {
        public BenchNavigation() => Initialize("http://bench/", "http://bench/trends");

        public void Go(string uri) => Uri = uri;

        protected override void NavigateToCore(string uri, NavigationOptions options) => Uri = ToAbsoluteUri(uri).ToString();
    }
}
