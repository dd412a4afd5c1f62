namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>A channel's outbox at a glance: how many messages wait for the endpoint, how many for a person, and the last delivery.</summary>
public sealed record ChannelQueue(int Pending, int Held, DateTimeOffset? LastSentAt)
{
    public static ChannelQueue Empty { get; } = new(0, 0, null);
}
