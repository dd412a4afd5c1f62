using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// One dashboard without a browser: it loads the page, then speaks the Blazor Server circuit protocol over SignalR
/// as blazor.web.js does (StartCircuit, UpdateRootComponents with the page's component markers), acknowledges every
/// render batch (OnRenderCompleted, or the server stops sending) and answers JS interop calls with an empty success.
/// It renders nothing: it records when each render batch arrived. A few KB per client, so 500 fit in one process.
/// </summary>
public sealed partial class BlazorCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<long> _batchTimestamps = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BlazorCircuit(HubConnection connection) => _connection = connection;

    public string? Error { get; private set; }

    public long BatchBytes { get; private set; }

    public bool Connected => _connection.State == HubConnectionState.Connected && Error is null;

    /// <summary>Stopwatch timestamps of the render batches received so far.</summary>
    public long[] BatchTimestamps()
    {
        lock (_gate) return [.. _batchTimestamps];
    }

    /// <param name="http">Signed in; <paramref name="cookies"/> are its cookies, which the circuit's WebSocket carries too.</param>
    public static async Task<BlazorCircuit> OpenAsync(HttpClient http, System.Net.CookieContainer cookies, string baseUrl, string path = "/")
    {
        var html = await http.GetStringAsync(path);
        var markers = MarkerPattern().Matches(html).Select(m => m.Groups[1].Value).Where(m => m.Contains("\"descriptor\"", StringComparison.Ordinal)).ToList();
        if (markers.Count == 0) throw new InvalidOperationException($"No interactive server component markers in {path}.");
        var state = StatePattern().Match(html) is { Success: true } s ? s.Groups[1].Value : "";

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), "_blazor"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Cookies = cookies;
            });
        // Blazor's hub speaks only "blazorpack": SignalR's MessagePack protocol under that name.
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();
        var circuit = new BlazorCircuit(connection);
        connection.On<long, byte[]>("JS.RenderBatch", (id, data) =>
        {
            lock (circuit._gate)
            {
                circuit._batchTimestamps.Add(Stopwatch.GetTimestamp());
                circuit.BatchBytes += data.Length;
            }

            circuit._firstRender.TrySetResult();
            return connection.SendAsync("OnRenderCompleted", id, null);
        });
        connection.On<long, string, string, int, long>("JS.BeginInvokeJS", (handle, _, _, _, _) =>
            connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]"));
        connection.On<string>("JS.Error", error =>
        {
            circuit.Error = error;
            circuit._firstRender.TrySetException(new InvalidOperationException("Circuit error: " + error));
        });
        connection.Closed += ex =>
        {
            circuit.Error ??= "closed: " + ex?.Message;
            circuit._firstRender.TrySetException(new InvalidOperationException("Circuit closed: " + ex?.Message));
            return Task.CompletedTask;
        };

        await connection.StartAsync();
        var secret = await connection.InvokeAsync<string?>("StartCircuit", baseUrl.TrimEnd('/') + "/", new Uri(new Uri(baseUrl), path).ToString(), "[]", "");
        if (string.IsNullOrEmpty(secret)) throw new InvalidOperationException("Central refused to start the circuit.");
        var operations = new
        {
            batchId = 1,
            operations = markers.Select((m, i) => new { type = "add", ssrComponentId = i + 1, marker = JsonDocument.Parse(m).RootElement }).ToList(),
        };
        await connection.SendAsync("UpdateRootComponents", JsonSerializer.Serialize(operations), state);
        await circuit._firstRender.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return circuit;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    /// <summary>SignalR's MessagePack hub protocol, named as Blazor's hub expects.</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";

        public int Version => _inner.Version;

        public TransferFormat TransferFormat => _inner.TransferFormat;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

        public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();
}
