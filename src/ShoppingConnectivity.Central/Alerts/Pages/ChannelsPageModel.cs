using ShoppingConnectivity.Central.Alerts.Channels;

namespace ShoppingConnectivity.Central.Alerts.Pages;

/// <summary>
/// The channels page's state (/alerts/channels, Viewers read): the channels from the settings (read-only: they change in the settings, never here),
/// each queue, the answers to "send test", and the messages not delivered yet.
/// </summary>
public sealed class ChannelsPageModel
{
    public const string TestAuditAction = "alert.channel.test";
    public const string ResendAuditAction = "alert.channel.resend";

    public IReadOnlyList<AlertChannel> Channels { get; set; } = [];

    public IReadOnlyDictionary<string, ChannelQueue> Queues { get; set; } = new Dictionary<string, ChannelQueue>();

    /// <summary>The last test's answer per channel name.</summary>
    public Dictionary<string, ChannelAnswer> Tests { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waiting for the endpoint or held, oldest first.</summary>
    public IReadOnlyList<ChannelMessageRecord> Undelivered { get; set; } = [];

    public bool Loaded { get; set; }

    /// <summary>Admins post test messages (a test reaches the channel's people, as the SMTP page's test mail does).</summary>
    public bool CanTest { get; set; }

    /// <summary>Operators and Admins send held messages again, as they do held mail; Viewers read.</summary>
    public bool CanSendAgain { get; set; }

    public bool Busy { get; set; }

    /// <summary>What "send again" did last.</summary>
    public string? Resent { get; set; }

    /// <summary>The held messages: only a person gets these out.</summary>
    public IReadOnlyList<long> ToSendAgain => Undelivered.Where(m => m.Status == ChannelMessageRecord.Held).Select(m => m.Id).ToList();

    public ChannelQueue QueueOf(string channel) => Queues.GetValueOrDefault(channel) ?? ChannelQueue.Empty;

    /// <summary>"every edge", or "flows a, b; roles X".</summary>
    public static string FilterText(AlertChannel channel)
    {
        var parts = new List<string>();
        if (channel.Filter.Flows.Count > 0) parts.Add("flows " + string.Join(", ", channel.Filter.Flows));
        if (channel.Filter.Roles.Count > 0) parts.Add("roles " + string.Join(", ", channel.Filter.Roles));
        return parts.Count == 0 ? "every edge" : string.Join("; ", parts);
    }

    /// <summary>Where the URL and the secret come from (never what they are).</summary>
    public static string SourceText(AlertChannel channel) =>
        $"URL from {channel.UrlSource}" + (channel.SecretSource is { } secret ? $"; signing secret from {secret}" : "");

    public static string StatusText(ChannelMessageRecord message) => message.Status switch
    {
        ChannelMessageRecord.Pending => "Waiting for the endpoint",
        ChannelMessageRecord.Held => "Held: refused, needs the channel fixed",
        _ => message.Status,
    };

    public static IReadOnlyList<long> AlertIdsOf(ChannelMessageRecord message) =>
        message.AlertIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();

    /// <summary>"3 message(s) queued again." or why none was.</summary>
    public static string ResendText(int asked, IReadOnlyList<long> queued) =>
        queued.Count == 0 ? "Nothing queued again: none of them is held any more." : $"{queued.Count} of {asked} message(s) queued again.";
}
