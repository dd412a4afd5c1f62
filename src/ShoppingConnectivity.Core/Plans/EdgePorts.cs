using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Plans;

/// <summary>
/// The ports the plans of an estate probe for one flow, as every surface names them: the port shown is the port
/// probed. Per catalogue port, the port most hosts use, then the hosts that use another: "1433 (sql02: 14330)".
/// </summary>
/// <param name="Ports">Every port probed, once each, in the order of the label.</param>
/// <param name="Label">"18081", "1433 (sql02: 14330)", "135, 445".</param>
public sealed record EdgePorts(IReadOnlyList<int> Ports, string Label)
{
    /// <summary>Hosts named one by one in a label; the rest are counted (a loopback flow can have 50,000 sources).</summary>
    public const int MaxExceptionsNamed = 3;

    /// <summary>Computed once per estate and flow: pages ask on every render, and a loopback flow scans every client.</summary>
    private static readonly ConditionalWeakTable<Estate, ConcurrentDictionary<string, EdgePorts>> Cache = new();

    /// <summary>The catalogue's ports, for a flow seen without an estate.</summary>
    public static EdgePorts Catalogue(Flow flow) => new(flow.Ports.Distinct().ToList(), flow.PortsLabel);

    /// <summary>The ports <paramref name="estate"/>'s plans probe for <paramref name="flow"/> (cached per estate instance).</summary>
    public static EdgePorts Of(Flow flow, Estate estate) =>
        Cache.GetValue(estate, _ => new ConcurrentDictionary<string, EdgePorts>(StringComparer.Ordinal))
            .GetOrAdd(flow.Id, static (_, x) => Compute(x.flow, x.estate), (flow, estate));

    /// <summary>
    /// The ports one host sees for <paramref name="flow"/>: as a target (its own overrides, then the estate's) or, for a
    /// loopback flow, as the source probing itself.
    /// </summary>
    public static EdgePorts OfHost(Flow flow, Estate estate, EstateHost host)
    {
        var ports = flow.Ports.Select(p => estate.PortFor(flow, p, host)).Distinct().ToList();
        return new(ports, string.Join(", ", ports.Select(Text)));
    }

    private static EdgePorts Compute(Flow flow, Estate estate)
    {
        if (flow.PortSetting is null) return Catalogue(flow);

        // The hosts whose port setting decides: the targets, or each source for a loopback flow (it probes itself).
        var hosts = estate.HostsWithRole(flow.Loopback ? flow.From : flow.To).ToList();
        if (hosts.Count == 0)
        {
            // No host to plan for: the estate's setting is still what a probe would use.
            var planned = flow.Ports.Select(p => estate.PortFor(flow, p, null)).Distinct().ToList();
            return new(planned, string.Join(", ", planned.Select(Text)));
        }

        var all = new List<int>();
        var labels = new List<string>();
        foreach (var catalogPort in flow.Ports)
        {
            var byHost = hosts.Select(h => (Host: h.Name, Port: estate.PortFor(flow, catalogPort, h))).ToList();
            // Ties go to the estate's port (its override, else the catalogue's): the port a new host would get.
            var estatePort = estate.PortFor(flow, catalogPort, null);
            var main = byHost.GroupBy(x => x.Port)
                .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key == estatePort).ThenBy(g => g.Key)
                .First().Key;
            var exceptions = byHost.Where(x => x.Port != main).ToList();
            var label = Text(main);
            if (exceptions.Count > 0)
            {
                var named = exceptions.Take(MaxExceptionsNamed).Select(x => $"{x.Host}: {Text(x.Port)}");
                var more = exceptions.Count > MaxExceptionsNamed ? $" and {(exceptions.Count - MaxExceptionsNamed).ToString("N0", CultureInfo.InvariantCulture)} more" : "";
                label += $" ({string.Join(", ", named)}{more})";
            }

            labels.Add(label);
            all.Add(main);
            all.AddRange(exceptions.Select(x => x.Port).Distinct().Order());
        }

        return new(all.Distinct().ToList(), string.Join(", ", labels.Distinct(StringComparer.Ordinal)));
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
