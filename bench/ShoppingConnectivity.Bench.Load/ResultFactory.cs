using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Bench.Load;

/// <summary>
/// Results as real agents report them: most links reachable with a few milliseconds of latency and a short detail, a
/// few links failing steadily (a firewall), an occasional flap; each agent's results in time order, every probe once per
/// interval, as its outbox holds them.
/// </summary>
public sealed class ResultFactory(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary><paramref name="count"/> results of <paramref name="agent"/> ending about now, oldest first, spread over <paramref name="span"/>.</summary>
    public List<ProbeResultDto> Backlog(SimAgent agent, int count, TimeSpan span, DateTimeOffset end)
    {
        var results = new List<ProbeResultDto>(count);
        var probes = agent.Probes;
        if (probes.Count == 0) return results;
        var runs = (count + probes.Count - 1) / probes.Count;
        var step = runs > 1 ? span / runs : TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var run = i / probes.Count;
            var probe = probes[i % probes.Count];
            var at = end - step * (runs - 1 - run) - TimeSpan.FromMilliseconds(_random.Next(0, 900));
            results.Add(Result(agent, probe, at));
        }

        return results;
    }

    public ProbeResultDto Result(SimAgent agent, PlannedProbe probe, DateTimeOffset at)
    {
        // About 2% of links fail steadily (the same ones every time: a hash of agent and probe), 0.2% of runs flap.
        var steady = (uint)HashCode.Combine(agent.AgentId.GetHashCode(StringComparison.Ordinal), probe.ProbeId.GetHashCode(StringComparison.Ordinal)) % 1000 < 20;
        var flap = _random.Next(1000) < 2;
        if (steady != flap)
        {
            var roll = _random.Next(10);
            return roll switch
            {
                < 7 => new ProbeResultDto(probe.ProbeId, probe.FlowId, ProbeOutcome.TimedOut, null,
                    $"No answer from {probe.Address}:{probe.Port} within {probe.TimeoutMs:N0} ms.", at),
                < 9 => new ProbeResultDto(probe.ProbeId, probe.FlowId, ProbeOutcome.Refused, Math.Round(0.3 + _random.NextDouble(), 2),
                    $"{probe.Address}:{probe.Port}: ConnectionRefused (Connection refused).", at),
                _ => new ProbeResultDto(probe.ProbeId, probe.FlowId, ProbeOutcome.ProtocolError, Math.Round(2 + _random.NextDouble() * 10, 2),
                    $"Port {probe.Port} of {probe.TargetHost} answered, but not with {probe.Kind}: got 'HTTP/1.1 400 Bad Request'", at),
            };
        }

        // Latency: a few ms on the LAN, a long tail.
        var latency = Math.Round(0.4 + Math.Exp(_random.NextDouble() * 3.5), 2);
        var detail = probe.Kind switch
        {
            "http" or "https" or "tachyon" => $"HTTP 200 OK from {probe.TargetHost}:{probe.Port} in {latency:0} ms",
            "tls" => $"TLS 1.3 CN={probe.TargetHost}, expires in 212 days",
            "sql" => "SQL Server 16.0.4135 answered the pre-login",
            "ldap" => "rootDSE read anonymously",
            _ => null,
        };
        return new ProbeResultDto(probe.ProbeId, probe.FlowId, ProbeOutcome.Reachable, latency, detail, at);
    }

    /// <summary>
    /// Rows for a ceiling: random agents' backlogs of <paramref name="minBatch"/>-<paramref name="maxBatch"/> results,
    /// a batch id each, as the fleet would send them.
    /// </summary>
    public static List<(string AgentId, Guid BatchId, ProbeResultDto Result)> CeilingRows(IReadOnlyList<SimAgent> agents, int count, int minBatch, int maxBatch)
    {
        var factory = new ResultFactory(1);
        var random = new Random(2);
        var rows = new List<(string, Guid, ProbeResultDto)>(count);
        var end = DateTimeOffset.UtcNow;
        while (rows.Count < count)
        {
            var agent = agents[random.Next(agents.Count)];
            var batchId = Guid.NewGuid();
            foreach (var r in factory.Backlog(agent, random.Next(minBatch, maxBatch + 1), TimeSpan.FromMinutes(10), end)) rows.Add((agent.AgentId, batchId, r));
        }

        return rows;
    }
}
