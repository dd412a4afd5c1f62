using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.TestSupport.Processes;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An HTTP proxy on loopback between an agent and central. It passes everything through, records central's answers
/// to result batches, and can withhold one answer after central committed the batch: the agent never learns that
/// its batch was stored, which is the moment a crash hurts most.
/// </summary>
public sealed class HoldingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _central;
    private readonly Lock _gate = new();
    private readonly List<ResultBatchAccepted> _answers = [];
    private readonly List<SentBatch> _sent = [];
    private readonly TaskCompletionSource<ResultBatchAccepted> _withheld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdAfter = int.MaxValue;
    private int _passed;

    private HoldingProxy(WebApplication app, HttpClient central, string url)
    {
        _app = app;
        _central = central;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Answers to result batches that reached the agent, in order.</summary>
    public IReadOnlyList<ResultBatchAccepted> Answers
    {
        get { lock (_gate) return _answers.ToList(); }
    }

    /// <summary>Every result batch the agent sent through, with the time it arrived here, in order.</summary>
    public IReadOnlyList<SentBatch> Sent
    {
        get { lock (_gate) return _sent.ToList(); }
    }

    /// <summary>Completes with central's answer that was held back (the batch is committed at central).</summary>
    public Task<ResultBatchAccepted> Withheld => _withheld.Task;

    public static async Task<HoldingProxy> StartAsync(string centralUrl)
    {
        var port = LoopbackPorts.Free();
        var url = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var central = new HttpClient { BaseAddress = new Uri(centralUrl), Timeout = TimeSpan.FromSeconds(10) };
        var proxy = new HoldingProxy(app, central, url);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>Lets <paramref name="batches"/> committed batches through, then holds back the answer to the next one (once).</summary>
    public void HoldAnswerAfter(int batches)
    {
        lock (_gate) _holdAfter = _passed + batches;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method))
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            request.Content = new ByteArrayContent(bytes);
            if (context.Request.Path.Value!.EndsWith("/results", StringComparison.Ordinal) && TryReadBatch(bytes) is { } batch)
            {
                lock (_gate) _sent.Add(new SentBatch(DateTimeOffset.UtcNow, batch));
            }
            if (context.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        foreach (var header in new[] { "Authorization", "If-None-Match" })
        {
            if (context.Request.Headers.TryGetValue(header, out var value)) request.Headers.TryAddWithoutValidation(header, value.ToArray());
        }

        HttpResponseMessage response;
        try
        {
            response = await _central.SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException ex)
        {
            // Central is down: the agent sees a gateway error, as behind a real reverse proxy.
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            await context.Response.WriteAsync(ex.Message);
            return;
        }

        using (response)
        {
            var content = await response.Content.ReadAsByteArrayAsync();
            var isBatchAnswer = context.Request.Method == "POST" && context.Request.Path.Value!.EndsWith("/results", StringComparison.Ordinal)
                && response.StatusCode == HttpStatusCode.OK;
            if (isBatchAnswer)
            {
                var answer = JsonSerializer.Deserialize<ResultBatchAccepted>(content, ContractsJson.Options)!;
                bool hold;
                lock (_gate)
                {
                    hold = !answer.Duplicate && _passed >= _holdAfter && !_withheld.Task.IsCompleted;
                    if (!hold)
                    {
                        _answers.Add(answer);
                        if (!answer.Duplicate) _passed++;
                    }
                }

                if (hold)
                {
                    _withheld.TrySetResult(answer);
                    // Never answer: the agent is killed while it waits.
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return;
                }
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name is "Transfer-Encoding" or "Content-Length") continue;
                context.Response.Headers[name] = values.ToArray();
            }

            await context.Response.Body.WriteAsync(content);
        }
    }

    private static ResultBatch? TryReadBatch(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<ResultBatch>(body, ContractsJson.Options);
        }
        catch (JsonException)
        {
            return null; // the tests that send garbage see central's answer to it
        }
    }

    public async ValueTask DisposeAsync()
    {
        _central.Dispose();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5))) await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
