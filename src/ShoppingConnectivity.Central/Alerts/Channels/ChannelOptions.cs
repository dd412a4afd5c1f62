namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>
/// One chat or webhook channel, bound from "Central:Alerts:Channels:&lt;name&gt;". Teams and Slack URLs hold the
/// webhook's key, so they count as secrets, as does a webhook's signing Secret: each comes from an environment variable
/// (Central__Alerts__Channels__ops__Url) or from the file its *File key names, never from a settings file.
/// </summary>
public sealed class ChannelOptions
{
    /// <summary>Webhook, Teams or Slack.</summary>
    public string? Kind { get; set; }

    public string? Url { get; set; }

    /// <summary>A file whose trimmed content is the URL (a mounted secret: /run/secrets/teams-url).</summary>
    public string? UrlFile { get; set; }

    /// <summary>The webhook's HMAC-SHA256 key; unset: requests are not signed.</summary>
    public string? Secret { get; set; }

    public string? SecretFile { get; set; }

    /// <summary>Only these flows' edges (with <see cref="Roles"/>: either); both empty: every edge.</summary>
    public List<string> Flows { get; set; } = [];

    /// <summary>Only the edges from or to these roles.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Off: nothing more is queued for the channel; messages already queued still go out.</summary>
    public bool Enabled { get; set; } = true;
}
