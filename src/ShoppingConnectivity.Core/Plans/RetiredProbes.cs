using ShoppingConnectivity.Core.Catalogue;
using ShoppingConnectivity.Core.Estates;
using ShoppingConnectivity.Core.Ingestion;

namespace ShoppingConnectivity.Core.Plans;

/// <summary>
/// The probes that left each host's plan, and when. An agent runs the plan it holds until it fetches the next one,
/// and keeps its results in its outbox while central is away (Agent:OutboxMaxMegabytes, about a month of a busy
/// server's results), so results of a probe still arrive after the estate took the probe out of the plan. Central
/// takes them for <see cref="Window"/> after the probe left (as history: they feed no live link), and refuses results
/// of probes the agent's plans never had.
/// </summary>
public sealed class RetiredProbes
{
    /// <summary>
    /// How long after a probe left a host's plan its results are still taken: as long as central takes a result at all
    /// (<see cref="ResultBatchValidator.MaxAge"/>), so a plan change loses nothing of an outbox central would otherwise
    /// store. The one definition of "recent" plans.
    /// </summary>
    public static readonly TimeSpan Window = ResultBatchValidator.MaxAge;

    private readonly Dictionary<string, Dictionary<string, Retired>> _byHost = new(StringComparer.OrdinalIgnoreCase);

    private readonly record struct Retired(string FlowId, DateTimeOffset At);

    /// <summary>Probes held (left a plan within the window, or since the last <see cref="Prune"/>).</summary>
    public int Count => _byHost.Values.Sum(p => p.Count);

    /// <summary>Files what the estate change from <paramref name="before"/> to <paramref name="after"/> took out of each host's plan.</summary>
    /// <param name="at">When <paramref name="after"/> took force.</param>
    /// <returns>How many probes left a plan.</returns>
    public int Record(FlowCatalogue catalogue, Estate before, Estate after, DateTimeOffset at)
    {
        var retired = 0;
        foreach (var host in before.Hosts)
        {
            // Probe ids do not depend on timeouts or intervals: the standard ones do.
            var old = PlanBuilder.ProbesFor(catalogue, before, host, ProbeDefaults.Standard);
            if (old.Count == 0) continue;
            var kept = after.FindHost(host.Name) is { } same
                ? PlanBuilder.ProbesFor(catalogue, after, same, ProbeDefaults.Standard).Select(p => p.ProbeId).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var probe in old)
            {
                if (kept.Contains(probe.ProbeId)) continue;
                if (!_byHost.TryGetValue(host.Name, out var probes)) _byHost[host.Name] = probes = new(StringComparer.Ordinal);
                // Changes are recorded in order: a probe that left, came back and left again counts from its last departure.
                probes[probe.ProbeId] = new Retired(probe.FlowId, at);
                retired++;
            }
        }

        return retired;
    }

    /// <summary>Probe id and flow of each probe that left <paramref name="hostName"/>'s plan within the window before <paramref name="now"/>.</summary>
    public IEnumerable<(string ProbeId, string FlowId)> Of(string hostName, DateTimeOffset now)
    {
        if (!_byHost.TryGetValue(hostName, out var probes)) yield break;
        foreach (var (probeId, retired) in probes)
        {
            if (retired.At >= now - Window) yield return (probeId, retired.FlowId);
        }
    }

    /// <summary>Forgets the probes that left longer ago than the window, so what is held stays bounded.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (host, probes) in _byHost.ToList())
        {
            foreach (var (probeId, retired) in probes.ToList())
            {
                if (retired.At < now - Window) probes.Remove(probeId);
            }

            if (probes.Count == 0) _byHost.Remove(host);
        }
    }

    /// <summary>Forgets everything (the estate versions are read again from the start of the window).</summary>
    public void Clear() => _byHost.Clear();
}
