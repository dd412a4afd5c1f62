using System.Security.Cryptography;
using System.Text;
using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Plans;

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
                    probes.Add(Probe(flow, source.Name, LoopbackAddress, loopbackPort, port, defaults, DiscoveryUrlFor(catalogue, estate, flow)));
                    continue;
                }

                foreach (var target in estate.HostsWithRole(flow.To))
                {
                    var probe = Probe(flow, target.Name, target.EffectiveAddress, estate.PortFor(flow, port, target), port, defaults, null);
                    // The endpoint mapper hands out ports of the target's range: the agent connects to them as WMI does.
                    if (probe.Kind == ProbeKinds.Rpc) probe = probe with { RpcDynamicPorts = estate.RpcDynamicPortsFor(target)?.ToString() };
                    probes.Add(probe);
                }
            }
        }

        return probes;
    }

    /// <param name="reporting">How soon results must reach central (<see cref="Reporting.PolicyFor"/>); null: no policy in the plan.</param>
    public static AgentPlan PlanFor(FlowCatalogue catalogue, Estate estate, EstateHost source, string agentId, ProbeDefaults defaults,
        Func<IReadOnlyList<PlannedProbe>, ReportPolicy>? reporting = null)
    {
        var probes = ProbesFor(catalogue, estate, source, defaults);
        var policy = reporting?.Invoke(probes);
        return new AgentPlan(agentId, source.Name, VersionOf(catalogue, probes, policy), probes, policy);
    }

    /// <summary>A stable fingerprint of the plan: equal plans give equal versions, so it works as an ETag.</summary>
    public static string VersionOf(FlowCatalogue catalogue, IReadOnlyList<PlannedProbe> probes, ReportPolicy? reporting = null)
    {
        var text = new StringBuilder(catalogue.Version);
        // A plan without a policy keeps the version it had before policies existed (agents are not told to reschedule).
        if (reporting is not null) text.Append("|report;").Append(reporting.QuietSeconds).Append(';').Append(reporting.UrgentRuns);
        foreach (var p in probes)
        {
            text.Append('|').Append(p.ProbeId).Append(';').Append(p.FlowId).Append(';').Append(p.Kind)
                .Append(';').Append(p.TargetHost).Append(';').Append(p.Address).Append(';').Append(p.Port)
                .Append(';').Append(p.TimeoutMs).Append(';').Append(p.IntervalSeconds)
                .Append(';').Append(p.HttpPath).Append(';').Append(p.ExpectStatus).Append(';').Append(p.DiscoveryUrl);
            // Only when set, as the policy above: plans of estates without a range keep the version they had.
            if (p.RpcDynamicPorts is not null) text.Append(";rpc=").Append(p.RpcDynamicPorts);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static PlannedProbe Probe(Flow flow, string targetHost, string address, int port, int catalogPort, ProbeDefaults defaults, string? discoveryUrl)
    {
        var (timeoutMs, intervalSeconds) = defaults.For(flow.Id);
        var kind = flow.ProbeFor(catalogPort);
        var isHttp = kind is ProbeKinds.Http or ProbeKinds.Https or ProbeKinds.Tachyon;
        return new(ProbeIdFor(flow.Id, targetHost, port), flow.Id, kind, targetHost, address, port, timeoutMs, intervalSeconds,
            HttpPath: isHttp ? flow.HttpPath ?? "/" : null,
            ExpectStatus: isHttp ? flow.HttpExpect : null,
            DiscoveryUrl: discoveryUrl);
    }

    /// <summary>
    /// The URL an agent asks first for the real target (Tachyon: the Website names the agent's loopback URL).
    /// The first host of the discovery role answers; no such host, no discovery (the configured port is probed).
    /// </summary>
    private static string? DiscoveryUrlFor(FlowCatalogue catalogue, Estate estate, Flow flow)
    {
        if (flow.Discovery is not { } discovery) return null;
        var host = estate.HostsWithRole(discovery.Role).FirstOrDefault();
        if (host is null) return null;
        var port = discovery.Port;
        if (discovery.PortSetting is { } setting)
        {
            port = host.Ports.TryGetValue(setting, out var hostPort) ? hostPort
                : estate.Ports.TryGetValue(setting, out var estatePort) ? estatePort
                : catalogue.PortSettings.FirstOrDefault(p => p.Id == setting)?.Default ?? port;
        }

        var address = host.EffectiveAddress.Contains(':', StringComparison.Ordinal) ? $"[{host.EffectiveAddress}]" : host.EffectiveAddress;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://{address}:{port}{discovery.Path}");
    }

    public static string ProbeIdFor(string flowId, string targetHost, int port) => $"{flowId}/{targetHost.ToLowerInvariant()}/{port}";
}
