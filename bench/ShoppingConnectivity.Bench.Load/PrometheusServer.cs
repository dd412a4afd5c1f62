using System.Globalization;
using System.Text;
using System.Text.Json;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// A real Prometheus (the installed binary, Debian's `prometheus` package) on a loopback port, with its own
/// configuration and TSDB in <c>folder</c>, scraping N static targets through a blackbox exporter as the exporter's
/// README sets it up. Stopped, and its folder deleted, on dispose.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly TestProcess _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private PrometheusServer(TestProcess process, string folder, string url)
    {
        _process = process;
        _folder = folder;
        _http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
    }

    public int Pid => _process.Id;

    public string Output => _process.Output;

    /// <summary>Where the binary is: $SC_BENCH_PROMETHEUS, else `prometheus` on the PATH.</summary>
    public static string Binary()
    {
        if (Environment.GetEnvironmentVariable("SC_BENCH_PROMETHEUS") is { Length: > 0 } given)
            return File.Exists(given) ? given : throw new FileNotFoundException($"SC_BENCH_PROMETHEUS={given}: no such file.");
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "prometheus")).FirstOrDefault(File.Exists);
        return found ?? throw new FileNotFoundException(
            "Prometheus is not installed: apt-get install -y prometheus (tests/install-prerequisites.sh does), or set SC_BENCH_PROMETHEUS to its binary.");
    }

    /// <param name="folder">Created for this run and deleted on dispose: holds prometheus.yml and the TSDB.</param>
    /// <param name="exporter">host:port of the blackbox exporter every scrape goes to.</param>
    /// <param name="module">The blackbox module asked for (?module=…).</param>
    public static async Task<PrometheusServer> StartAsync(string folder, int targets, TimeSpan scrapeInterval, string exporter, string module, CancellationToken cancel)
    {
        var binary = Binary();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, Configuration(targets, scrapeInterval, exporter, module), cancel);

        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var process = TestProcess.Start("prometheus", binary,
        [
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(folder, "data"),
            "--web.listen-address=" + new Uri(url).Authority,
            "--log.level=warn",
        ], workingDirectory: folder);
        var server = new PrometheusServer(process, folder, url);
        try
        {
            var deadline = DateTime.UtcNow.AddMinutes(1);
            while (true)
            {
                if (process.HasExited) throw new InvalidOperationException($"Prometheus exited with {process.ExitCode} at start:\n{process.Output}");
                if (DateTime.UtcNow > deadline) throw new TimeoutException("Prometheus was not ready within a minute:\n" + process.Output);
                try
                {
                    using var ready = await server._http.GetAsync("/-/ready", cancel);
                    if (ready.IsSuccessStatusCode) return server;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200, cancel);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One job over N static targets relabelled as the blackbox exporter's README shows: the target becomes the
    /// ?target= parameter and the instance label, the exporter becomes the address scraped.
    /// </summary>
    public static string Configuration(int targets, TimeSpan scrapeInterval, string exporter, string module)
    {
        var interval = $"{(long)scrapeInterval.TotalMilliseconds}ms";
        var timeout = $"{(long)Math.Min(scrapeInterval.TotalMilliseconds, 10_000)}ms";
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: {interval}
              scrape_timeout: {timeout}
              evaluation_interval: 1m
            scrape_configs:
              - job_name: blackbox
                metrics_path: /probe
                params:
                  module: [{module}]
                relabel_configs:
                  - source_labels: [__address__]
                    target_label: __param_target
                  - source_labels: [__param_target]
                    target_label: instance
                  - target_label: __address__
                    replacement: {exporter}
                static_configs:
                  - targets:

            """);
        // Names as a shop estate's: a till or server per store, on the port a probe would check.
        for (var i = 0; i < targets; i++)
            yaml.Append(CultureInfo.InvariantCulture, $"          - store-{i / 10:D4}-host-{i % 10}.shops.example:443\n");
        return yaml.ToString();
    }

    public TimeSpan CpuTime() => ProcessFigures.CpuTime(Pid);

    /// <summary>The version Prometheus reports (/api/v1/status/buildinfo).</summary>
    public async Task<string> VersionAsync(CancellationToken cancel)
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("/api/v1/status/buildinfo", cancel));
        return document.RootElement.GetProperty("data").GetProperty("version").GetString() ?? "?";
    }

    public long ResidentBytes() => ProcessFigures.ResidentBytes(Pid);

    public long PeakResidentBytes() => ProcessFigures.PeakResidentBytes(Pid);

    /// <summary>The sum of a metric over all its series in Prometheus's own /metrics (not its TSDB: it does not scrape itself here).</summary>
    public async Task<double> OwnMetricAsync(string name, CancellationToken cancel)
    {
        var text = await _http.GetStringAsync("/metrics", cancel);
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name, StringComparison.Ordinal) || line.Length == name.Length || (line[name.Length] != ' ' && line[name.Length] != '{')) continue;
            sum += double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>An instant query through the HTTP API whose answer is one number (NaN when the vector is empty).</summary>
    public async Task<double> QueryAsync(string promql, CancellationToken cancel)
    {
        using var response = await _http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString(promql), cancel);
        var json = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Query {promql} answered {(int)response.StatusCode}: {json}");
        using var document = JsonDocument.Parse(json);
        var result = document.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? double.NaN
            : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            await _process.TerminateAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // Killed instead; the folder goes all the same.
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
            // The benchmark's own folder too, when nothing else is in it.
            if (Path.GetDirectoryName(_folder) is { } parent && !Directory.EnumerateFileSystemEntries(parent).Any()) Directory.Delete(parent);
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Could not delete {_folder}: {ex.Message}");
        }
    }
}
