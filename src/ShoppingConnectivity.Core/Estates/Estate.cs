using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>One customer installation: its hosts, their roles and addresses, port overrides and feature switches.</summary>
public sealed record Estate(
    string Name,
    IReadOnlyDictionary<string, bool> Switches,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlyList<EstateHost> Hosts)
{
    /// <summary>The hosts' dynamic RPC range as the estate sets it; null: not set (Windows' default applies).</summary>
    public RpcPortRange? RpcDynamicPorts { get; init; }

    public static Estate Empty(FlowCatalogue catalogue) => new(
        "(no estate)",
        catalogue.Switches.ToDictionary(s => s.Id, s => s.Default, StringComparer.Ordinal),
        new Dictionary<string, int>(StringComparer.Ordinal),
        []);

    /// <summary>
    /// Hosts by name and by role, built once per estate: with 50,000 clients, scanning every host for every plan (each
    /// client's plan, each flow's targets) made deriving the plans quadratic. Kept beside the record, not in it, so
    /// record equality stays what it was.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Estate, HostIndex> Indexes = new();

    private HostIndex Index => Indexes.GetValue(this, estate => new HostIndex(estate.Hosts));

    public EstateHost? FindHost(string name) => Index.ByName.GetValueOrDefault(name);

    public IEnumerable<EstateHost> HostsWithRole(string role) => Index.ByRole.TryGetValue(role, out var hosts) ? hosts : [];

    /// <summary>The port a probe of <paramref name="flow"/> uses on <paramref name="target"/>: host override, then estate override, then the catalogue's.</summary>
    public int PortFor(Flow flow, int catalogPort, EstateHost? target)
    {
        if (flow.PortSetting is null) return catalogPort;
        if (target?.Ports.TryGetValue(flow.PortSetting, out var hostPort) == true) return hostPort;
        return Ports.TryGetValue(flow.PortSetting, out var estatePort) ? estatePort : catalogPort;
    }

    /// <summary>
    /// The dynamic RPC range of <paramref name="target"/> as the estate sets it: host override, then the estate's.
    /// Null when neither sets one: the host uses <see cref="RpcPortRange.WindowsDefault"/>.
    /// </summary>
    public RpcPortRange? RpcDynamicPortsFor(EstateHost? target) => target?.RpcDynamicPorts ?? RpcDynamicPorts;
}

/// <summary>The first host of each name (names compared ignoring case) and each role's hosts, in estate order.</summary>
internal sealed class HostIndex
{
    public HostIndex(IReadOnlyList<EstateHost> hosts)
    {
        foreach (var host in hosts)
        {
            ByName.TryAdd(host.Name, host);
            foreach (var role in host.Roles.Distinct(StringComparer.Ordinal))
            {
                if (!ByRole.TryGetValue(role, out var list)) ByRole[role] = list = [];
                list.Add(host);
            }
        }
    }

    public Dictionary<string, EstateHost> ByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<EstateHost>> ByRole { get; } = new(StringComparer.Ordinal);
}
