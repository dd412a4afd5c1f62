using Microsoft.Extensions.Options;
using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Central.Alerts.Channels;

/// <summary>
/// The channels from the settings, their secrets read once (the start validated them: a changed secret file is read at
/// the next start).
/// </summary>
public sealed class AlertChannels(IConfiguration configuration, IOptions<AlertOptions> options, FlowCatalogue catalogue)
{
    private readonly Lazy<IReadOnlyList<AlertChannel>> _all = new(() => ChannelSettings.Resolve(configuration, options.Value, catalogue).Channels);

    public IReadOnlyList<AlertChannel> All => _all.Value;

    public AlertChannel? Find(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
