using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Firewall;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// The downloads of a 10,000-host estate (issue 15: one firewall script took 30 s of CPU, for any Viewer, and central
/// stayed big after). First the generators alone, in this process (CPU and bytes allocated, through the string API
/// both the old and the new code have). Then a real central with that estate: each export asked for the first time and
/// again (central's CPU from /proc, its resident memory), then 8 requests at once for the script of a new estate
/// version (the estate file edited), and central's memory after.
/// </summary>
public static class ExportBenchmark
{
    private static readonly (string Name, string Url)[] Exports =
    [
        ("firewall.ps1", "/api/v1/estate/firewall.ps1"), ("firewall.csv", "/api/v1/estate/firewall.csv"),
        ("estate.json", "/api/v1/estate/export?format=json"), ("estate.yaml", "/api/v1/estate/export?format=yaml"),
    ];

    public static async Task<int> RunAsync(Args args)
    {
        var clients = args.Int("clients", 9_988);
        var repeat = args.Int("repeat", 3);
        var parallel = args.Int("parallel", 8);
        var folder = args.Text("folder", Path.Combine(Path.GetTempPath(), "sc-bench-exports"));
        args.EnsureAllUsed();

        Console.WriteLine($"machine: {Machine.Describe()}");
        var json = Fleet.EstateJson(clients);
        var estate = EstateFile.Parse(json, "estate.json", FlowCatalogue.Default).Estate!;
        Console.WriteLine($"estate: {estate.Hosts.Count:N0} hosts ({clients:N0} clients)");
        Generators(estate);

        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        using var central = await CentralProcess.StartAsync(folder, json);
        using var http = (await central.SignInAsync()).Http;
        await Task.Delay(3000);
        Console.WriteLine($"central started: RSS {Mb(central.ResidentBytes())}");

        foreach (var (name, url) in Exports)
        {
            await TimeAsync(central, $"{name} first", 1, () => GetAsync(http, url));
            await TimeAsync(central, $"{name} again", repeat, () => GetAsync(http, url));
        }

        // A new estate version, then the attack: many requests at once for its script.
        var version = await VersionAsync(http);
        await File.WriteAllTextAsync(Path.Combine(folder, "estate.json"), Fleet.EstateJson(clients + 1));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await VersionAsync(http) == version && DateTime.UtcNow < deadline) await Task.Delay(200);
        Console.WriteLine($"estate version {version} -> {await VersionAsync(http)}");
        await TimeAsync(central, $"firewall.ps1 x {parallel} at once, new version", 1,
            async () => (await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => GetAsync(http, Exports[0].Url)))).Sum());

        await Task.Delay(5000);
        Console.WriteLine($"central after: RSS {Mb(central.ResidentBytes())}, peak RSS {Mb(central.PeakResidentBytes())}");
        Console.WriteLine($"central after: GC heap {Mb(await central.GcHeapBytesAsync())} (after a full collection, dotnet-gcdump)");
        return 0;
    }

    /// <summary>The generators as the old endpoints called them: whole strings, then UTF-8 bytes.</summary>
    private static void Generators(Estate estate)
    {
        var catalogue = FlowCatalogue.Default;
        var utf8 = new UTF8Encoding(false);
        Measure("firewall.ps1", () => utf8.GetBytes(FirewallPowerShell.Write(catalogue, estate, FirewallRules.For(catalogue, estate))).Length);
        Measure("firewall.csv", () => utf8.GetBytes(FirewallCsv.Write(FirewallRules.For(catalogue, estate))).Length);
        Measure("estate.json", () => utf8.GetBytes(EstateFile.ToJson(estate)).Length);
        Measure("estate.yaml", () => utf8.GetBytes(EstateFile.ToYaml(estate)).Length);

        static void Measure(string name, Func<int> generate)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var wall = Stopwatch.StartNew();
            var bytes = generate();
            Console.WriteLine($"generator {name}: {wall.Elapsed.TotalMilliseconds:N0} ms, CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:N0} ms, "
                + $"allocated {Mb(GC.GetTotalAllocatedBytes(precise: true) - allocated)}, output {bytes / 1e6:N1} MB");
        }
    }

    /// <summary>Central's CPU and wall time per request (mean of <paramref name="count"/>), its RSS after.</summary>
    private static async Task TimeAsync(CentralProcess central, string what, int count, Func<Task<long>> request)
    {
        var cpu = central.CpuTime();
        var wall = Stopwatch.StartNew();
        long bytes = 0;
        for (var i = 0; i < count; i++) bytes = await request();
        Console.WriteLine($"central {what}: {wall.Elapsed.TotalMilliseconds / count:N0} ms, CPU {(central.CpuTime() - cpu).TotalMilliseconds / count:N0} ms"
            + $"{(count > 1 ? $" (mean of {count})" : "")}, {bytes / 1e6:N1} MB, RSS after {Mb(central.ResidentBytes())}");
    }

    /// <summary>The body's length, read to the end (as a download is).</summary>
    private static async Task<long> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0) total += read;
        return total;
    }

    private static async Task<long> VersionAsync(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/v1/estate"));
        return doc.RootElement.GetProperty("version").GetInt64();
    }

    private static string Mb(long bytes) => $"{bytes / 1048576.0:N0} MB";
}
