using System.Globalization;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// A real central (its Release build, started with `dotnet`) on a loopback port with its own data folder and estate,
/// as in production: the Production environment, SQLite, every job on its default schedule.
/// </summary>
public sealed class CentralProcess : IDisposable
{
    public const string EnrolmentKey = "bench-enrolment-key-0123456789-AbCdEfGhIjK";

    private readonly TestProcess _process;

    private CentralProcess(TestProcess process, string url, string dataDirectory)
    {
        _process = process;
        Url = url;
        DataDirectory = dataDirectory;
    }

    public string Url { get; }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "shopping-connectivity.db");

    public int Pid => _process.Id;

    public string Output => _process.Output;

    /// <param name="folder">Holds data/ and estate.json; kept between runs so enrolled agents stay enrolled.</param>
    public static async Task<CentralProcess> StartAsync(string folder, string estateJson, IDictionary<string, string>? settings = null)
    {
        Directory.CreateDirectory(folder);
        var estate = Path.Combine(folder, "estate.json");
        if (!File.Exists(estate) || await File.ReadAllTextAsync(estate) != estateJson) await File.WriteAllTextAsync(estate, estateJson);
        // SC_BENCH_CENTRAL_DLL: a copy of the build, so a long run is not disturbed by the next build.
        var dll = Environment.GetEnvironmentVariable("SC_BENCH_CENTRAL_DLL") is { Length: > 0 } copy ? copy
            : Path.Combine(Repository.Root(), "src", "ShoppingConnectivity.Central", "bin", "Release", "net10.0", "ShoppingConnectivity.Central.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build central in Release first: dotnet build src/ShoppingConnectivity.Central -c Release ({dll} is missing).");

        var url = $"http://127.0.0.1:{LoopbackPorts.Free()}";
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Central__DataDirectory"] = Path.Combine(folder, "data"),
            ["Central__EstatePath"] = estate,
            ["Central__EnrolmentKey"] = EnrolmentKey,
            // Every simulated agent enrols and reports from this one address: the per-address and per-agent limits are lifted.
            ["Central__Security__EnrolRequestsPerMinute"] = "1000000",
            ["Central__Security__AgentRequestsPerMinute"] = "1000000",
            ["Central__Bootstrap__AdminUser"] = AdminUser,
            ["Central__Bootstrap__AdminPassword"] = AdminPassword,
            // The writer's summary every 10 s stays visible; request logs would cost more than they tell.
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__ShoppingConnectivity.Central.Ingestion"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;

        var process = TestProcess.Start("central", "dotnet", [dll, "--urls", url], environment, Path.GetDirectoryName(dll)!);
        var central = new CentralProcess(process, url, Path.Combine(folder, "data"));

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("Central exited at start:\n" + central.Output);
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode) return central;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        central.Dispose();
        throw new TimeoutException("Central did not become healthy:\n" + central.Output);
    }

    public const string AdminUser = "bench-admin";
    public const string AdminPassword = "bench-only-password-1";

    /// <summary>A client signed in through the login form (antiforgery token and all), as a browser is; its cookies open circuits.</summary>
    public async Task<(HttpClient Http, System.Net.CookieContainer Cookies)> SignInAsync()
    {
        var cookies = new System.Net.CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(Url),
            Timeout = TimeSpan.FromMinutes(5),
        };
        using var response = await (await LoginFormAsync(http, AdminUser, AdminPassword))();
        if (response.StatusCode != System.Net.HttpStatusCode.Found)
            throw new InvalidOperationException($"Signing in to central answered {(int)response.StatusCode}.");
        return (http, cookies);
    }

    /// <summary>
    /// Fetches the login page (for its antiforgery token) and returns the POST of the filled form, to be sent when the
    /// caller chooses (a benchmark times the POST alone); 302 = signed in.
    /// </summary>
    public static async Task<Func<Task<HttpResponseMessage>>> LoginFormAsync(HttpClient http, string user, string password)
    {
        var page = await http.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
            ["Input.UserName"] = user,
            ["Input.Password"] = password,
        };
        return () => http.PostAsync("/account/login", new FormUrlEncodedContent(form));
    }

    /// <summary>Resident memory of central's process (VmRSS), in bytes.</summary>
    public long ResidentBytes() => ProcessFigures.ResidentBytes(Pid);

    /// <summary>CPU time central has used so far (user + system), from /proc.</summary>
    public TimeSpan CpuTime() => ProcessFigures.CpuTime(Pid);

    /// <summary>Bytes central has caused to be written to storage so far (WAL, checkpoints, logs).</summary>
    public long WrittenBytes() => ProcessFigures.WrittenBytes(Pid);

    /// <summary>Peak resident memory of central's process so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes() => ProcessFigures.PeakResidentBytes(Pid);

    /// <summary>Central's GC heap after a full collection, by dotnet-gcdump (the repository's local tool: dotnet tool restore).</summary>
    public async Task<long> GcHeapBytesAsync()
    {
        var dump = Path.Combine(Path.GetDirectoryName(DataDirectory)!, $"heap-{Guid.NewGuid():N}.gcdump");
        await Tool("dotnet-gcdump", "collect", "-p", Pid.ToString(CultureInfo.InvariantCulture), "-o", dump);
        var report = await Tool("dotnet-gcdump", "report", dump);
        File.Delete(dump);
        var line = report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("dotnet-gcdump printed no heap size:\n" + report);
        return long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static async Task<string> Tool(params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root(), RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("tool");
        info.ArgumentList.Add("run");
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet tool run {string.Join(' ', args)} failed: {await process.StandardError.ReadToEndAsync()}");
        return output;
    }

    public void Dispose() => _process.Dispose();
}
