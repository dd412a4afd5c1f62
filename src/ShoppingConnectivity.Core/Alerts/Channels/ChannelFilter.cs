using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Alerts.Channels;

/// <summary>
/// Which edges a channel hears about: those of the flows listed or touching a role listed; every edge when both lists
/// are empty.
/// </summary>
public sealed record ChannelFilter(IReadOnlyList<string> Flows, IReadOnlyList<string> Roles)
{
    public static ChannelFilter All { get; } = new([], []);

    public bool Matches(Flow flow) =>
        (Flows.Count == 0 && Roles.Count == 0)
        || Flows.Contains(flow.Id, StringComparer.Ordinal)
        || Roles.Contains(flow.From, StringComparer.Ordinal)
        || Roles.Contains(flow.To, StringComparer.Ordinal);
}
