using ShoppingConnectivity.Core.Catalogue;

namespace ShoppingConnectivity.Core.Estates;

/// <summary>One customer installation: its hosts, their roles and addresses, port overrides and feature switches.</summary>
public sealed record Estate(
    string Name,
    IReadOnlyDictionary<string, bool> Switches,
    IReadOnlyDictionary<string, int> Ports,
    IReadOnlyList<EstateHost> Hosts)
{
    public static Estate Empty(FlowCatalogue catalogue) => new(
        "(no estate)",
        catalogue.Switches.ToDictionary(s => s.Id, s => s.Default, StringComparer.Ordinal),
        new Dictionary<string, int>(StringComparer.Ordinal),
        []);

    public EstateHost? FindHost(string name) =>
        Hosts.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEnumerable<EstateHost> HostsWithRole(string role) =>
        Hosts.Where(h => h.Roles.Contains(role, StringComparer.Ordinal));

    /// <summary>The port a probe of <paramref name="flow"/> uses on <paramref name="target"/>: host override, then estate override, then the catalogue's.</summary>
    public int PortFor(Flow flow, int catalogPort, EstateHost? target)
    {
        if (flow.PortSetting is null) return catalogPort;
        if (target?.Ports.TryGetValue(flow.PortSetting, out var hostPort) == true) return hostPort;
        return Ports.TryGetValue(flow.PortSetting, out var estatePort) ? estatePort : catalogPort;
    }
}

/// <summary>A machine of the estate. <see cref="Address"/> defaults to the name (resolved by DNS on the agent).</summary>
public sealed record EstateHost(
    string Name,
    string? Address,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, int> Ports)
{
    public string EffectiveAddress => string.IsNullOrWhiteSpace(Address) ? Name : Address;
}
