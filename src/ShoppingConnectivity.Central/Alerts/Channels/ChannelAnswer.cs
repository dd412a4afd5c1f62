namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>What an endpoint answered to one post (or why it did not).</summary>
/// <param name="StatusCode">Null: no answer (connection refused or reset, timeout).</param>
/// <param name="Excerpt">The first <see cref="ExcerptLength"/> characters of the body, or the error.</param>
/// <param name="RetryAfter">The endpoint's Retry-After, if it gave one.</param>
public sealed record ChannelAnswer(int? StatusCode, string Excerpt, TimeSpan? RetryAfter = null)
{
    public const int ExcerptLength = 200;

    public bool Delivered => StatusCode is >= 200 and < 300;

    /// <summary>
    /// Worth trying again unchanged: no answer, a timeout (408), too many requests (429) or a server error (5xx). Any other
    /// refusal (a bad URL, a revoked webhook, a payload the endpoint does not take) would only be refused again.
    /// </summary>
    public bool Transient => StatusCode is null or 408 or 429 or >= 500;

    /// <summary>"HTTP 200: ok", "HTTP 500: boom", "no answer: connection refused".</summary>
    public string Text => StatusCode is { } code ? $"HTTP {code}{(Excerpt.Length > 0 ? ": " + Excerpt : "")}" : $"no answer: {Excerpt}";
}
