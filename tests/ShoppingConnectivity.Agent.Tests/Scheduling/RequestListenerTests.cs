using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ShoppingConnectivity.Agent.Hosting;
using ShoppingConnectivity.Agent.Scheduling;
using ShoppingConnectivity.Agent.Tests.Infrastructure;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Agent.Tests.Scheduling;

/// <summary>The whole agent, in process, against a fake central on loopback that asks it for a probe through the long-poll.</summary>
public sealed class RequestListenerTests : IDisposable
{
    private const string ProbeId = "website-shoppingdb-sql/db01/1433";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _data = new("listener");
    private readonly TcpListener _target = new(IPAddress.Loopback, 0);

    public RequestListenerTests() => _target.Start(backlog: 64);

    [Fact]
    public async Task Listener_CentralAsksForAProbe_RunsItAtOnceAndPushesItsResult()
    {
        // An hour between runs and a minute between pushes: only the request can bring a result within the test.
        await using var central = FakeCentral.Start(Port, intervalSeconds: 3600);
        using var host = StartAgent(central.Url, pushIntervalSeconds: 60);
        await host.StartAsync();
        await Eventually.AssertAsync(() => central.Polls >= 1, Patience, () => "the agent never long-polled");

        var requestId = Guid.NewGuid();
        var released = DateTimeOffset.UtcNow;
        central.Ask(new AgentRequest(requestId, [ProbeId]));

        await Eventually.AssertAsync(() => central.Results.Any(r => r.ProbeId == ProbeId && r.At >= released.AddSeconds(-1)), Patience,
            () => $"no result pushed; {central.Results.Count} results so far");
        Assert.Equal(1, host.Services.GetRequiredService<RequestListener>().Handled);
        // The next long-poll opened again after the request.
        await Eventually.AssertAsync(() => central.Polls >= 2, Patience, () => "the agent did not long-poll again");
        await host.StopAsync();
    }

    [Fact]
    public async Task Listener_OlderCentralWithoutTheEndpoint_AgentKeepsProbingAndAsksOnlyOnce()
    {
        await using var central = FakeCentral.Start(Port, intervalSeconds: 1, requestsFound: false);
        using var host = StartAgent(central.Url, pushIntervalSeconds: 1);
        await host.StartAsync();

        await Eventually.AssertAsync(() => central.Polls >= 1, Patience, () => "the agent never tried the long-poll");
        var before = central.Results.Count;

        // Results go on arriving after the 404, and the long-poll is not asked again meanwhile.
        await Eventually.AssertAsync(() => central.Results.Count >= before + 3, Patience, () => $"{central.Results.Count} results");
        Assert.Equal(1, central.Polls);
        await host.StopAsync();
    }

    [Fact]
    public async Task Listener_TurnedOff_NeverLongPolls()
    {
        await using var central = FakeCentral.Start(Port, intervalSeconds: 1);
        using var host = StartAgent(central.Url, pushIntervalSeconds: 1, listen: false);
        await host.StartAsync();

        await Eventually.AssertAsync(() => central.Results.Count(r => r.ProbeId == ProbeId) >= 2, Patience, () => $"{central.Results.Count} results");

        Assert.Equal(0, central.Polls);
        await host.StopAsync();
    }

    private int Port => ((IPEndPoint)_target.LocalEndpoint).Port;

    private IHost StartAgent(string centralUrl, int pushIntervalSeconds, bool listen = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agent:CentralUrl"] = centralUrl,
            ["Agent:HostName"] = "web01",
            ["Agent:EnrolmentKey"] = "key-for-the-listener-tests",
            ["Agent:DataDirectory"] = _data.Path,
            ["Agent:PushIntervalSeconds"] = pushIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Agent:PlanRefreshSeconds"] = "60",
            ["Agent:ListenForRequests"] = listen ? "true" : "false",
        });
        builder.AddAgent();
        return builder.Build();
    }

    public void Dispose()
    {
        _target.Stop();
        _target.Dispose();
        _data.Dispose();
    }

    /// <summary>Central's agent API over loopback HTTP: enrols, gives a one-probe plan, stores pushed results, and holds the long-poll until asked.</summary>
    private sealed class FakeCentral : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private readonly int _targetPort;
        private readonly int _intervalSeconds;
        private readonly bool _requestsFound;
        private readonly ConcurrentQueue<AgentRequest> _asked = new();
        private readonly CancellationTokenSource _stop = new();
        private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _polls;

        private FakeCentral(int port, int targetPort, int intervalSeconds, bool requestsFound)
        {
            _targetPort = targetPort;
            _intervalSeconds = intervalSeconds;
            _requestsFound = requestsFound;
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public int Polls => Volatile.Read(ref _polls);
        public ConcurrentQueue<ProbeResultDto> Results { get; } = new();

        public static FakeCentral Start(int targetPort, int intervalSeconds, bool requestsFound = true) =>
            new(LoopbackPorts.Free(), targetPort, intervalSeconds, requestsFound);

        public void Ask(AgentRequest request)
        {
            _asked.Enqueue(request);
            Interlocked.Exchange(ref _signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => AnswerAsync(context));
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            var path = context.Request.Url!.AbsolutePath;
            using var response = context.Response;
            try
            {
                if (path == "/api/v1/agents/enrol")
                {
                    await WriteAsync(response, JsonSerializer.Serialize(new EnrolmentResponse("web01", "token-1"), ContractsJson.Options));
                }
                else if (path.EndsWith("/plan", StringComparison.Ordinal))
                {
                    var probe = new PlannedProbe(ProbeId, "website-shoppingdb-sql", ProbeKinds.Tcp, "db01", "127.0.0.1", _targetPort, 2000, _intervalSeconds);
                    await WriteAsync(response, JsonSerializer.Serialize(new AgentPlan("web01", "web01", "v1", [probe]), ContractsJson.Options));
                }
                else if (path.EndsWith("/results", StringComparison.Ordinal))
                {
                    var batch = (await JsonSerializer.DeserializeAsync<ResultBatch>(context.Request.InputStream, ContractsJson.Options))!;
                    foreach (var result in batch.Results) Results.Enqueue(result);
                    await WriteAsync(response, JsonSerializer.Serialize(new ResultBatchAccepted(batch.BatchId, batch.Results.Count, false), ContractsJson.Options));
                }
                else if (path.EndsWith("/requests", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _polls);
                    if (!_requestsFound)
                    {
                        response.StatusCode = 404;
                        return;
                    }

                    var signal = Volatile.Read(ref _signal).Task;
                    if (_asked.IsEmpty) await Task.WhenAny(signal, Task.Delay(TimeSpan.FromSeconds(25), _stop.Token));
                    var asked = new List<AgentRequest>();
                    while (_asked.TryDequeue(out var request)) asked.Add(request);
                    if (asked.Count == 0)
                    {
                        response.StatusCode = 204;
                        return;
                    }

                    await WriteAsync(response, JsonSerializer.Serialize(new AgentRequests(asked), ContractsJson.Options));
                }
                else
                {
                    response.StatusCode = 404;
                }
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
            {
                // The test ended.
            }
        }

        private static async Task WriteAsync(HttpListenerResponse response, string json)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            response.ContentType = "application/json";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            _listener.Close();
            await _loop;
            _stop.Dispose();
        }
    }
}
