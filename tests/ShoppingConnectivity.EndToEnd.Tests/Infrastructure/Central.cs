using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Lab;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real central process on a loopback port with its own data folder and estate file; or inside a lab's network
/// namespace on the lab's address, where the test, outside, talks to it through a Unix socket central listens on too.
/// </summary>
public sealed class Central : IDisposable
{
    public const string EnrolmentKey = "end-to-end-enrolment-key-hqj50dbq99ok97G_rCkMfDSg";

    /// <summary>The first administrator, created from Central:Bootstrap at central's first start.</summary>
    public const string AdminUser = "e2e-admin";
    public const string AdminPassword = "end-to-end-admin-password";

    /// <summary>The session of <see cref="Http"/>, signed in as <see cref="AdminUser"/> through the login form.</summary>
    private readonly CookieContainer _cookies = new();

    private readonly string _estatePath;
    private readonly int _probeIntervalSeconds;
    private readonly int _probeTimeoutMs;
    private readonly int _liveUpdateMilliseconds;

    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly Place _place;

    /// <summary>The Unix socket <see cref="Http"/> goes through when central runs in a namespace; null on loopback.</summary>
    private readonly string? _socket;

    private Central(string directory, int port, string estatePath, int probeIntervalSeconds, int probeTimeoutMs, int liveUpdateMilliseconds,
        IReadOnlyDictionary<string, string>? settings, Place? place, string address)
    {
        _settings = settings ?? new Dictionary<string, string>();
        _place = place ?? Place.Host;
        _socket = place is null ? null : Path.Combine(directory, "central.sock");
        _probeTimeoutMs = probeTimeoutMs;
        _liveUpdateMilliseconds = liveUpdateMilliseconds;
        Directory = directory;
        _estatePath = estatePath;
        _probeIntervalSeconds = probeIntervalSeconds;
        Url = $"http://{address}:{port}";
        Process = Launch();
        // Signed in (read APIs need a person's session); agent calls carry their own bearer tokens as before.
        var handler = new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false };
        if (_socket is { } socket)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                    return new NetworkStream(unix, ownsSocket: true);
                }
                catch
                {
                    unix.Dispose();
                    throw;
                }
            };
        }

        Http = new HttpClient(handler)
        {
            BaseAddress = new Uri(_socket is null ? Url : "http://localhost"),
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public string Directory { get; }
    public string EstatePath => Path.Combine(Directory, "estate.json");
    public string Url { get; }
    public TestProcess Process { get; private set; }
    public HttpClient Http { get; }

    /// <summary>Central's SQLite file, for tests that check exactly what was stored.</summary>
    public string DatabasePath => Path.Combine(Directory, "data", "shopping-connectivity.db");

    /// <param name="settings">More environment settings for central (Central__Security__EnrolRequestsPerMinute ...).</param>
    /// <param name="place">A lab's namespace to run central in (agents reach it on <paramref name="address"/>); null: this machine's loopback.</param>
    public static async Task<Central> StartAsync(string estateJson, int probeIntervalSeconds = 1, int probeTimeoutMs = 500, int liveUpdateMilliseconds = 100,
        IReadOnlyDictionary<string, string>? settings = null, Place? place = null, string address = "127.0.0.1")
    {
        var directory = Path.Combine(Path.GetTempPath(), "sc-e2e", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var estate = Path.Combine(directory, "estate.json");
        await File.WriteAllTextAsync(estate, estateJson);
        var central = new Central(directory, LoopbackPorts.Free(), estate, probeIntervalSeconds, probeTimeoutMs, liveUpdateMilliseconds, settings, place, address);
        await central.WaitHealthyAsync();
        await central.SignInAsync();
        return central;
    }

    /// <summary>Kills central (SIGKILL, no graceful shutdown): agents find nobody at its port.</summary>
    public void Kill() => Process.Kill();

    /// <summary>Starts central again on the same port and data folder, as after a reboot of its server.</summary>
    public async Task RestartAsync()
    {
        Process.Kill();
        Process.Dispose();
        Process = Launch();
        await WaitHealthyAsync();
    }

    /// <summary>
    /// Stops central as a service manager does (SIGTERM) and waits for it to end; returns how long it took. The data
    /// folder and port stay for <see cref="StartAgainAsync"/>.
    /// </summary>
    public async Task<TimeSpan> StopAsync(TimeSpan? timeout = null)
    {
        var took = await Process.TerminateAsync(timeout ?? TimeSpan.FromSeconds(60));
        PreviousOutput += Process.Output;
        return took;
    }

    /// <summary>Starts central again after <see cref="StopAsync"/>, on the same port, data folder and estate (an upgrade's second half).</summary>
    public async Task StartAgainAsync()
    {
        Process.Dispose();
        Process = Launch();
        await WaitHealthyAsync();
    }

    /// <summary>What the runs before the current one printed (a test failing after a restart shows both).</summary>
    public string PreviousOutput { get; private set; } = "";

    private TestProcess Launch()
    {
        var environment = new Dictionary<string, string>(_settings)
        {
            ["Central__DataDirectory"] = Path.Combine(Directory, "data"),
            ["Central__EstatePath"] = _estatePath,
            ["Central__EnrolmentKey"] = EnrolmentKey,
            ["Central__ProbeIntervalSeconds"] = _probeIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Central__ProbeTimeoutMs"] = _probeTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Central__LiveUpdateMilliseconds"] = _liveUpdateMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Central__History__RollupIntervalSeconds"] = "1",
            ["Central__Bootstrap__AdminUser"] = AdminUser,
            ["Central__Bootstrap__AdminPassword"] = AdminPassword,
        };
        // Alert mails link back to this central, so a test can follow them in a browser.
        environment.TryAdd("Central__PublicUrl", Url);
        return ProgramProcess.Start("ShoppingConnectivity.Central", ["--urls", _socket is null ? Url : $"{Url};http://unix:{_socket}"], environment,
            _place.Prefix);
    }

    /// <summary>Signs <see cref="Http"/> in through the login form (antiforgery token and all), as a browser does.</summary>
    private async Task SignInAsync()
    {
        var page = await Http.GetStringAsync("/account/login");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var response = await Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = "login",
            ["Input.UserName"] = AdminUser,
            ["Input.Password"] = AdminPassword,
        }));
        if (response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"Signing in to central answered {(int)response.StatusCode}:\n{Process.Output}");
    }

    /// <summary>
    /// A browser page already signed in as the administrator (the session cookie of <see cref="Http"/>), for this
    /// central or for <paramref name="url"/> (a proxy in front of it and other nodes).
    /// </summary>
    public async Task<IPage> NewSignedInPageAsync(IBrowser browser, BrowserNewPageOptions? options = null, string? url = null)
    {
        var page = await browser.NewPageAsync(options);
        await page.Context.AddCookiesAsync(SessionCookies.Select(c => new Microsoft.Playwright.Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Url = url ?? Url,
            HttpOnly = c.HttpOnly,
        }));
        return page;
    }

    /// <summary>The administrator's session cookies (signed in at start), to present elsewhere (through a proxy, to another node).</summary>
    public IReadOnlyList<System.Net.Cookie> SessionCookies => _cookies.GetAllCookies().ToList();

    /// <summary>The agent's data folder (token, outbox): the same for every start of the same host.</summary>
    public string AgentDataDirectory(string hostName) => Path.Combine(Directory, "agent-" + hostName);

    /// <summary>
    /// Starts a real agent for <paramref name="hostName"/>; <paramref name="settings"/> adds or overrides Agent__ settings
    /// and <paramref name="centralUrl"/> points it elsewhere than central itself (a proxy); <paramref name="place"/> runs it
    /// in a lab's namespace.
    /// </summary>
    public TestProcess StartAgent(string hostName, IDictionary<string, string>? settings = null, string? centralUrl = null, Place? place = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["Agent__CentralUrl"] = centralUrl ?? Url,
            ["Agent__HostName"] = hostName,
            ["Agent__EnrolmentKey"] = EnrolmentKey,
            ["Agent__DataDirectory"] = AgentDataDirectory(hostName),
            ["Agent__PushIntervalSeconds"] = "1",
            ["Agent__PlanRefreshSeconds"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        return ProgramProcess.Start("ShoppingConnectivity.Agent", [], environment, place?.Prefix);
    }

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
    public async Task<Dictionary<string, JsonElement>> WaitForEdgesAsync(Func<Dictionary<string, JsonElement>, bool> done, TimeSpan timeout, TestProcess? agent = null)
    {
        Dictionary<string, JsonElement> edges = [];
        await Eventually.AssertAsync(async () => done(edges = await EdgesAsync()), timeout, () => "edges did not reach the expected state.\nEdges: "
            + string.Join(", ", edges.Select(e => $"{e.Key}={e.Value.GetProperty("colour")}"))
            + $"\nCentral output:\n{Process.Output}\nAgent output:\n{agent?.Output}");
        return edges;
    }

    private async Task WaitHealthyAsync()
    {
        await Eventually.AssertAsync(async () =>
        {
            if (Process.HasExited) throw new InvalidOperationException("Central exited at start:\n" + Process.Output);
            try
            {
                return (await Http.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false; // not listening yet
            }
        }, TimeSpan.FromSeconds(60), () => "central did not become healthy:\n" + Process.Output);
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
