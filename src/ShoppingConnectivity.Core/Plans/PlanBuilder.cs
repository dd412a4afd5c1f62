using System.Security.Cryptography;
using System.Text;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Plans;

/// <summary>Timeout and interval given to every probe until per-flow settings exist.</summary>
public sealed record ProbeDefaults(int TimeoutMs, int IntervalSeconds)
{
    public static ProbeDefaults Standard { get; } = new(3000, 60);
}

/// <summary>Estate x catalogue -> the probes one host must run.</summary>
public static class PlanBuilder
{
    /// <summary>Loopback flows (Tachyon agent) are probed on the agent's own machine.</summary>
    public const string LoopbackAddress = "127.0.0.1";

    public static IReadOnlyList<PlannedProbe> ProbesFor(FlowCatalogue catalogue, Estate estate, EstateHost source, ProbeDefaults defaults)
    {
        var probes = new List<PlannedProbe>();
        foreach (var flow in catalogue.Flows)
        {
            if (!source.Roles.Contains(flow.From, StringComparer.Ordinal) || !flow.IsEnabled(estate.Switches)) continue;

            foreach (var port in flow.Ports)
            {
                if (flow.Loopback)
                {
                    var loopbackPort = estate.PortFor(flow, port, source);
                    probes.Add(Probe(flow, source.Name, LoopbackAddress, loopbackPort, defaults));
                    continue;
                }

                foreach (var target in estate.HostsWithRole(flow.To))
                {
                    probes.Add(Probe(flow, target.Name, target.EffectiveAddress, estate.PortFor(flow, port, target), defaults));
                }
            }
        }

        return probes;
    }

    public static AgentPlan PlanFor(FlowCatalogue catalogue, Estate estate, EstateHost source, string agentId, ProbeDefaults defaults)
    {
        var probes = ProbesFor(catalogue, estate, source, defaults);
        return new AgentPlan(agentId, source.Name, VersionOf(catalogue, probes), probes);
    }

    /// <summary>A stable fingerprint of the plan: equal plans give equal versions, so it works as an ETag.</summary>
    public static string VersionOf(FlowCatalogue catalogue, IReadOnlyList<PlannedProbe> probes)
    {
        var text = new StringBuilder(catalogue.Version);
        foreach (var p in probes)
        {
            text.Append('|').Append(p.ProbeId).Append(';').Append(p.FlowId).Append(';').Append(p.Kind)
                .Append(';').Append(p.TargetHost).Append(';').Append(p.Address).Append(';').Append(p.Port)
                .Append(';').Append(p.TimeoutMs).Append(';').Append(p.IntervalSeconds);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static PlannedProbe Probe(Flow flow, string targetHost, string address, int port, ProbeDefaults defaults) =>
        new(ProbeIdFor(flow.Id, targetHost, port), flow.Id, flow.Probe, targetHost, address, port, defaults.TimeoutMs, defaults.IntervalSeconds);

    public static string ProbeIdFor(string flowId, string targetHost, int port) => $"{flowId}/{targetHost.ToLowerInvariant()}/{port}";
}
