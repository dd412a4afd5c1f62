namespace ShoppingConnectivity.Core.Alerts.Channels;

/// <summary>Where a chat or webhook channel posts its alert messages, and so which payload it gets.</summary>
public enum ChannelKind
{
    /// <summary>Any HTTP receiver: versioned JSON, signed with HMAC-SHA256 when a secret is set.</summary>
    Webhook,

    /// <summary>Microsoft Teams: an Adaptive Card posted to a Workflows webhook URL.</summary>
    Teams,

    /// <summary>Slack: Block Kit posted to an incoming webhook URL.</summary>
    Slack,
}
