using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShoppingConnectivity.Agent.Upstream;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.Agent.Tests.Upstream;

/// <summary>
/// At start the plan sync and the push both find no token. Two enrolments for one host make the second wait for an
/// Admin ("another agent is enrolled for this host") and its token replace the one that works: the agent then stalls on
/// 403 until someone approves it (seen in CI). One agent, one enrolment.
/// </summary>
public sealed class CentralClientTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("sc-client-").FullName;

    [Fact]
    public async Task PlanAndPush_StartTogetherWithoutToken_EnrolOnceAndBothUseThatToken()
    {
        await using var central = FakeCentral.Start();
        var tokens = new TokenStore(Options(central.Url));

        await Task.WhenAll(
            Client(central.Url, tokens).GetPlanAsync(null, CancellationToken.None),
            Client(central.Url, tokens).PostResultsAsync(new ResultBatch(Guid.NewGuid(), []), CancellationToken.None));

        Assert.Equal(1, central.Enrolments);
        Assert.Equal(["token-1", "token-1"], central.TokensSeen.Order(StringComparer.Ordinal));
        Assert.Equal("token-1", new TokenStore(Options(central.Url)).Load()?.Token);
    }

    [Fact]
    public async Task PlanAndPush_BothRefused401_EnrolAgainOnceAndRetryWithTheNewToken()
    {
        await using var central = FakeCentral.Start();
        var tokens = new TokenStore(Options(central.Url));
        tokens.Save(new TokenStore.Identity(central.Url, "web01", "web01", "forgotten"));

        await Task.WhenAll(
            Client(central.Url, tokens).GetPlanAsync(null, CancellationToken.None),
            Client(central.Url, tokens).PostResultsAsync(new ResultBatch(Guid.NewGuid(), []), CancellationToken.None));

        Assert.Equal(1, central.Enrolments);
        Assert.Equal(["forgotten", "forgotten", "token-1", "token-1"], central.TokensSeen.Order(StringComparer.Ordinal));
    }

    private IOptions<AgentOptions> Options(string centralUrl) => Microsoft.Extensions.Options.Options.Create(new AgentOptions
    {
        CentralUrl = centralUrl, HostName = "web01", EnrolmentKey = "key", DataDirectory = _data,
    });

    // CentralClient is a typed HttpClient (a new one per job run); TokenStore is the agent's singleton.
    private CentralClient Client(string centralUrl, TokenStore tokens) =>
        new(new HttpClient { BaseAddress = new Uri(centralUrl) }, tokens, Options(centralUrl), NullLogger<CentralClient>.Instance);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    /// <summary>
    /// Central's agent API over real loopback HTTP: issues token-N per enrolment and takes only the newest. It holds
    /// each enrolment answer a moment, so a second caller that did not wait for the first would reach it meanwhile.
    /// </summary>
    private sealed class FakeCentral : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;
        private int _enrolments;
        private volatile string? _current;

        private FakeCentral(int port)
        {
            Url = $"http://127.0.0.1:{port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public string Url { get; }
        public int Enrolments => Volatile.Read(ref _enrolments);
        public ConcurrentBag<string> TokensSeen { get; } = [];

        public static FakeCentral Start() => new(LoopbackPorts.Free());

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
            // Read the body first, as Kestrel does: a 401 answered over an unread body can close the keep-alive
            // connection under the client's next request ("The response ended prematurely").
            await context.Request.InputStream.CopyToAsync(Stream.Null);
            if (path == "/api/v1/agents/enrol")
            {
                var n = Interlocked.Increment(ref _enrolments);
                await Task.Delay(300);
                _current = $"token-{n}";
                await WriteAsync(response, JsonSerializer.Serialize(new EnrolmentResponse("web01", _current, Pending: n > 1), ContractsJson.Options));
                return;
            }

            var token = context.Request.Headers["Authorization"]?["Bearer ".Length..] ?? "";
            TokensSeen.Add(token);
            if (token != _current)
            {
                response.StatusCode = 401;
                return;
            }

            await WriteAsync(response, path.EndsWith("/plan", StringComparison.Ordinal)
                ? JsonSerializer.Serialize(new AgentPlan("web01", "web01", "v1", []), ContractsJson.Options)
                : JsonSerializer.Serialize(new ResultBatchAccepted(Guid.NewGuid(), 0, false), ContractsJson.Options));
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
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }
}
