using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

/// <summary>
/// A chat or webhook endpoint on loopback (Kestrel, a random port) that checks what central posts as the real ones
/// would: the webhook's HMAC signature and timestamp, the Teams card's and the Slack blocks' shape. It fails requests
/// on purpose when told to, and drops a delivery it already took (by its delivery id), as a receiver should.
/// </summary>
public sealed class ChannelReceiver : IAsyncDisposable
{
    /// <summary>What to do with the next request instead of taking it.</summary>
    public enum Failure
    {
        ServerError,
        ConnectionReset,
        TooManyRequests,
        BadRequest,
        /// <summary>Takes the message, then answers 500: the sender cannot know it arrived and sends it again.</summary>
        TakeThenServerError,
    }

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Failure>> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _attempts = new();
    private readonly ConcurrentQueue<(string Path, string Delivery, JsonElement Body)> _taken = new();
    private int _duplicates;

    private ChannelReceiver(WebApplication app, string? secret)
    {
        _app = app;
        Secret = secret;
    }

    public string? Secret { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Seconds the 429 answer asks to wait (Retry-After).</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>Every request, as "path delivery-id answer".</summary>
    public IReadOnlyList<string> Attempts => _attempts.ToList();

    /// <summary>The messages taken, once each, in the order they arrived.</summary>
    public IReadOnlyList<(string Path, string Delivery, JsonElement Body)> Taken => _taken.ToList();

    /// <summary>Repeats of a delivery already taken, dropped.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>The next requests to the hook (webhook, teams, slack) fail so, in turn.</summary>
    public void FailNext(string hook, params Failure[] failures)
    {
        var queue = _failures.GetOrAdd(hook, _ => new ConcurrentQueue<Failure>());
        foreach (var failure in failures) queue.Enqueue(failure);
    }

    public static async Task<ChannelReceiver> StartAsync(string? secret = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new ChannelReceiver(app, secret);
        app.MapPost("/{kind}", (Func<HttpContext, string, Task>)receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    private async Task HandleAsync(HttpContext context, string kind)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var delivery = context.Request.Headers["X-ShoppingConnectivity-Delivery"].ToString();
        var answer = await AnswerAsync(context, kind, delivery, body);
        _attempts.Enqueue($"/{kind} {delivery} {answer}");
    }

    private async Task<string> AnswerAsync(HttpContext context, string kind, string delivery, string body)
    {
        Failure? failure = _failures.TryGetValue(kind, out var queue) && queue.TryDequeue(out var next) ? next : null;
        if (failure is not null)
        {
            switch (failure)
            {
                case Failure.ConnectionReset:
                    context.Abort();
                    return "reset";
                case Failure.TooManyRequests:
                    context.Response.StatusCode = 429;
                    context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return "429";
                case Failure.BadRequest:
                    return await Answer(context, 400, "invalid payload (on purpose)");
                case Failure.ServerError:
                    return await Answer(context, 500, "boom");
            }
        }

        if (Problem(context, kind, body) is { } problem) return await Answer(context, 400, problem);
        if (_taken.Any(t => t.Delivery == delivery && t.Path == kind)) Interlocked.Increment(ref _duplicates);
        else _taken.Enqueue((kind, delivery, JsonDocument.Parse(body).RootElement.Clone()));
        return failure == Failure.TakeThenServerError ? await Answer(context, 500, "taken, but the answer fails") : await Answer(context, 200, "ok");
    }

    private static async Task<string> Answer(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(text);
        return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Why the endpoint would refuse the request; null when it takes it.</summary>
    private string? Problem(HttpContext context, string kind, string body)
    {
        if (!context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) ?? true) return "not JSON";
        if (string.IsNullOrEmpty(context.Request.Headers["X-ShoppingConnectivity-Delivery"])) return "no delivery id";
        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }

        switch (kind)
        {
            case "webhook":
                if (Secret is not null)
                {
                    var timestamp = context.Request.Headers["X-ShoppingConnectivity-Timestamp"].ToString();
                    var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
                    if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(context.Request.Headers["X-ShoppingConnectivity-Signature"].ToString())))
                        return "bad signature";
                }

                return json.GetProperty("version").GetInt32() == 1 && json.GetProperty("alerts").ValueKind == JsonValueKind.Array ? null : "not a version 1 webhook body";
            case "teams":
                var attachment = json.GetProperty("attachments")[0];
                return json.GetProperty("type").GetString() == "message"
                       && attachment.GetProperty("contentType").GetString() == "application/vnd.microsoft.card.adaptive"
                       && attachment.GetProperty("content").GetProperty("type").GetString() == "AdaptiveCard"
                       && System.Text.Encoding.UTF8.GetByteCount(body) < 28 * 1024
                    ? null : "not an Adaptive Card message";
            case "slack":
                var blocks = json.GetProperty("blocks");
                return json.GetProperty("text").GetString() is { Length: > 0 } && blocks.GetArrayLength() is > 0 and <= 50
                       && blocks.EnumerateArray().All(b => b.GetProperty("type").GetString() is "header" or "section" or "context" or "actions")
                    ? null : "invalid_blocks";
            default:
                return "no such hook";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
