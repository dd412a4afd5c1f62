using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Firewall;

/// <summary>The firewall openings an estate needs: every switched-on flow x source host x target host and port.</summary>
public static class FirewallRules
{
    /// <summary>
    /// Loopback flows (the Tachyon agent on the client itself) and flows from a host to itself never cross a
    /// firewall, so they are left out. The port is the one the probes use (host override, estate override, catalogue).
    /// </summary>
    public static IReadOnlyList<FirewallRule> For(FlowCatalogue catalogue, Estate estate)
    {
        var rules = new List<FirewallRule>();
        var seen = new HashSet<(string, string, string, int)>();
        foreach (var flow in catalogue.Flows)
        {
            if (flow.Loopback || !flow.IsEnabled(estate.Switches)) continue;
            foreach (var source in estate.HostsWithRole(flow.From))
            {
                foreach (var target in estate.HostsWithRole(flow.To))
                {
                    if (string.Equals(source.Name, target.Name, StringComparison.OrdinalIgnoreCase)) continue;
                    foreach (var catalogPort in flow.Ports)
                    {
                        var port = estate.PortFor(flow, catalogPort, target);
                        if (!seen.Add((flow.Id, source.Name.ToLowerInvariant(), target.Name.ToLowerInvariant(), port))) continue;
                        rules.Add(new FirewallRule(flow.Id, flow.Purpose, flow.Protocol, flow.From, source.Name, source.EffectiveAddress,
                            flow.To, target.Name, target.EffectiveAddress, port));
                    }
                }
            }
        }

        return rules;
    }
}
