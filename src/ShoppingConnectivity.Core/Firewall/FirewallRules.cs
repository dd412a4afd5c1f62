using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Firewall;

/// <summary>The firewall openings an estate needs: every switched-on flow x source host x target host and port.</summary>
public static class FirewallRules
{
    /// <summary>
    /// Loopback flows (the Tachyon agent on the client itself) and flows from a host to itself never cross a
    /// firewall, so they are left out. The port is the one the probes use (host override, estate override, catalogue).
    /// A WMI/DCOM flow (an rpc port) also opens the target's dynamic RPC range, after its ports: the endpoint mapper on
    /// 135 only names the port the call then goes to.
    /// </summary>
    public static IReadOnlyList<FirewallRule> For(FlowCatalogue catalogue, Estate estate)
    {
        var rules = new List<FirewallRule>();
        var seen = new HashSet<(string, string, string, int, bool)>();
        foreach (var flow in catalogue.Flows)
        {
            if (flow.Loopback || !flow.IsEnabled(estate.Switches)) continue;
            var rpcPort = RpcPort(flow);
            foreach (var source in estate.HostsWithRole(flow.From))
            {
                foreach (var target in estate.HostsWithRole(flow.To))
                {
                    if (string.Equals(source.Name, target.Name, StringComparison.OrdinalIgnoreCase)) continue;
                    var sourceKey = source.Name.ToLowerInvariant();
                    var targetKey = target.Name.ToLowerInvariant();
                    foreach (var catalogPort in flow.Ports)
                    {
                        var port = estate.PortFor(flow, catalogPort, target);
                        if (!seen.Add((flow.Id, sourceKey, targetKey, port, false))) continue;
                        rules.Add(new FirewallRule(flow.Id, flow.Purpose, flow.Protocol, flow.From, source.Name, source.EffectiveAddress,
                            flow.To, target.Name, target.EffectiveAddress, port, RpcEndpointMapper: catalogPort == rpcPort));
                    }

                    if (rpcPort is { } mapper)
                    {
                        var port = estate.PortFor(flow, mapper, target);
                        if (!seen.Add((flow.Id, sourceKey, targetKey, port, true))) continue;
                        var range = estate.RpcDynamicPortsFor(target);
                        rules.Add(new FirewallRule(flow.Id, DynamicPurpose(flow, port, range is not null), flow.Protocol, flow.From, source.Name,
                            source.EffectiveAddress, flow.To, target.Name, target.EffectiveAddress, port, RpcDynamicPorts: range ?? RpcPortRange.WindowsDefault));
                    }
                }
            }
        }

        return rules;
    }

    /// <summary>The flow's endpoint-mapper port (135 of a WMI flow), null when it has none.</summary>
    private static int? RpcPort(Flow flow)
    {
        foreach (var port in flow.Ports)
        {
            if (flow.ProbeFor(port) == ProbeKinds.Rpc) return port;
        }

        return null;
    }

    /// <summary>What the range is for and where it comes from, before the flow's own purpose.</summary>
    private static string DynamicPurpose(Flow flow, int mapperPort, bool setInEstate) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Dynamic RPC for WMI (DCOM), negotiated on TCP {mapperPort}: {(setInEstate ? "the target's range as the estate sets it (rpcDynamicPorts)" : "Windows' default range (the estate sets no rpcDynamicPorts)")}. {flow.Purpose}");
}
