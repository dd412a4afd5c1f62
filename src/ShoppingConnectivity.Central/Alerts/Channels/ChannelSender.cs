using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>
/// Posts one payload to a channel's endpoint (named HttpClient <see cref="HttpClientName"/>, redirects not followed, at
/// most <see cref="Timeout"/> per attempt). Every request names its delivery (the message's id), so a receiver can drop
/// the repeat of a post whose answer was lost; a webhook with a secret also signs timestamp and body.
/// </summary>
public sealed class ChannelSender(IHttpClientFactory httpFactory, TimeProvider clock)
{
    public const string HttpClientName = "alert-channels";
    public const string DeliveryHeader = "X-ShoppingConnectivity-Delivery";
    public const string TimestampHeader = "X-ShoppingConnectivity-Timestamp";
    public const string SignatureHeader = "X-ShoppingConnectivity-Signature";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<ChannelAnswer> SendAsync(AlertChannel channel, string payload, string deliveryId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(DeliveryHeader, deliveryId);
        if (channel.Kind == Core.Alerts.Channels.ChannelKind.Webhook && channel.Secret is { } secret)
        {
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(TimestampHeader, timestamp);
            request.Headers.Add(SignatureHeader, Signature(secret, timestamp, payload));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadStartAsync(response, timeout.Token);
            return new ChannelAnswer((int)response.StatusCode, body, RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ChannelAnswer(null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return new ChannelAnswer(null, ex.InnerException?.Message ?? ex.Message);
        }
    }

    /// <summary>"sha256=" and the lower-case hex HMAC-SHA256, keyed with the secret, of "timestamp.body" (UTF-8).</summary>
    public static string Signature(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[ChannelAnswer.ExcerptLength];
            var read = await reader.ReadBlockAsync(buffer, cancellationToken);
            return new string(buffer, 0, read).Trim();
        }
        catch (HttpRequestException)
        {
            return ""; // the status came; a body cut off does not change what it says
        }
    }
}
