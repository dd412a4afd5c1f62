using System.Text.Json;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>A real central process on a loopback port with its own data folder and estate file.</summary>
public sealed class Central : IDisposable
{
    public const string EnrolmentKey = "end-to-end-enrolment-key-42";

    private Central(string directory, int port, ProgramProcess process)
    {
        Directory = directory;
        Url = $"http://127.0.0.1:{port}";
        Process = process;
        Http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Directory { get; }
    public string EstatePath => Path.Combine(Directory, "estate.json");
    public string Url { get; }
    public ProgramProcess Process { get; }
    public HttpClient Http { get; }

    public static async Task<Central> StartAsync(string estateJson, int probeIntervalSeconds = 1)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sc-e2e", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var estate = Path.Combine(directory, "estate.json");
        await File.WriteAllTextAsync(estate, estateJson);
        var port = ProgramProcess.FreePort();
        var process = ProgramProcess.Start("ShoppingConnectivity.Central", ["--urls", $"http://127.0.0.1:{port}"], new Dictionary<string, string>
        {
            ["Central__DataDirectory"] = Path.Combine(directory, "data"),
            ["Central__EstatePath"] = estate,
            ["Central__EnrolmentKey"] = EnrolmentKey,
            ["Central__ProbeIntervalSeconds"] = probeIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Central__ProbeTimeoutMs"] = "500",
            ["Central__LiveUpdateMilliseconds"] = "100",
            ["Central__History__RollupIntervalSeconds"] = "1",
        });
        var central = new Central(directory, port, process);
        await central.WaitHealthyAsync();
        return central;
    }

    public ProgramProcess StartAgent(string hostName) =>
        ProgramProcess.Start("ShoppingConnectivity.Agent", [], new Dictionary<string, string>
        {
            ["Agent__CentralUrl"] = Url,
            ["Agent__HostName"] = hostName,
            ["Agent__EnrolmentKey"] = EnrolmentKey,
            ["Agent__DataDirectory"] = Path.Combine(Directory, "agent-" + hostName),
            ["Agent__PushIntervalSeconds"] = "1",
            ["Agent__PlanRefreshSeconds"] = "5",
        });

    /// <summary>The version of the plan central derives for <paramref name="host"/> now (from GET /api/v1/agents).</summary>
    public async Task<string> PlanVersionAsync(string host)
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/agents"));
        var agent = doc.RootElement.EnumerateArray().Single(a => a.GetProperty("hostName").GetString() == host);
        return agent.GetProperty("planVersion").GetString()!;
    }

    public async Task<Dictionary<string, JsonElement>> EdgesAsync()
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/edges"));
        return doc.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("flowId").GetString()!, e => e.Clone());
    }

    /// <summary>Polls /api/v1/edges until <paramref name="done"/> holds; fails with both programs' output otherwise.</summary>
    public async Task<Dictionary<string, JsonElement>> WaitForEdgesAsync(Func<Dictionary<string, JsonElement>, bool> done, TimeSpan timeout, ProgramProcess? agent = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        Dictionary<string, JsonElement> edges = [];
        while (DateTime.UtcNow < deadline)
        {
            edges = await EdgesAsync();
            if (done(edges)) return edges;
            await Task.Delay(250);
        }

        throw new TimeoutException($"Edges did not reach the expected state in {timeout}.\nEdges: "
            + string.Join(", ", edges.Select(e => $"{e.Key}={e.Value.GetProperty("colour")}"))
            + $"\nCentral output:\n{Process.Output}\nAgent output:\n{agent?.Output}");
    }

    private async Task WaitHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited) throw new InvalidOperationException("Central exited at start:\n" + Process.Output);
            try
            {
                if ((await Http.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Central did not become healthy:\n" + Process.Output);
    }

    public void Dispose()
    {
        Http.Dispose();
        Process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
