using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>One network flow: from role to role on TCP port(s).</summary>
public sealed record Flow(
    string Id,
    string From,
    string To,
    string Protocol,
    IReadOnlyList<int> Ports,
    string Probe,
    string Direction,
    string Purpose,
    string? Condition,
    IReadOnlyList<SwitchRequirement> When,
    string Configurable,
    string? PortSetting,
    bool Loopback,
    string? HttpPath,
    string? Note,
    IReadOnlyList<SeedReference> Seed,
    IReadOnlyDictionary<string, string>? PortProbes = null,
    string? HttpExpect = null,
    DiscoveryReference? Discovery = null,
    string? Label = null)
{
    /// <summary>The protocol's short name on the diagram ("LDAP", "GC", "SQL"): the catalogue's label, else the probe kind.</summary>
    [JsonIgnore]
    public string ShortName => Label ?? Probe.ToUpperInvariant();

    /// <summary>Client flows are judged by share (thousands of sources); server flows by any failing link.</summary>
    [JsonIgnore]
    public bool IsClientFlow => string.Equals(From, "Client", StringComparison.Ordinal);

    /// <summary>Whether the estate's switches turn this flow on.</summary>
    public bool IsEnabled(IReadOnlyDictionary<string, bool> switches) =>
        When.All(w => switches.TryGetValue(w.Switch, out var value) && value == w.Is);

    [JsonIgnore]
    public string PortsLabel => string.Join(", ", Ports);

    /// <summary>The probe kind for one port: a per-port kind (WMI: RPC on 135, SMB on 445) or the flow's.</summary>
    public string ProbeFor(int port) =>
        PortProbes is not null && PortProbes.TryGetValue(port.ToString(System.Globalization.CultureInfo.InvariantCulture), out var kind)
            ? kind
            : Probe;
}
