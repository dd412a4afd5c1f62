using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// What the "Test now" button shows after a click: the answer, then each asked probe as its fresh result arrives in
/// the live state. A result counts as fresh when its link's last result differs from the one at the click, so the
/// agents' clocks need not agree with central's.
/// </summary>
public sealed class TestNowModel
{
    private readonly Dictionary<(string AgentId, string ProbeId), DateTimeOffset?> _before = [];

    public TestNowAnswer? Answer { get; private set; }

    public IReadOnlyList<TestNowRow> Rows { get; private set; } = [];

    /// <summary>Every asked probe answered (or dropped): nothing more to wait for.</summary>
    public bool Done => Rows.All(r => r.Answered || r.Dropped);

    public int AnsweredCount => Rows.Count(r => r.Answered);

    /// <summary>What <see cref="Expire"/> found: each agent that never picked the request up, and why it may be.</summary>
    public IReadOnlyList<string> Dropped { get; private set; } = [];

    /// <summary>
    /// Takes the answer; the baseline and the rows' targets are the links the service read before asking
    /// (<see cref="TestNowAsk.LinksBefore"/>), or, when an answer carries none, <paramref name="linksFrom"/>'s now.
    /// </summary>
    public void Start(TestNowAnswer answer, Func<string, IReadOnlyList<LinkSnapshot>> linksFrom)
    {
        Answer = answer;
        Dropped = [];
        _before.Clear();
        var rows = new List<TestNowRow>();
        foreach (var ask in answer.Asked)
        {
            var links = ask.LinksBefore ?? linksFrom(ask.AgentId).ToDictionary(l => l.ProbeId, StringComparer.Ordinal);
            foreach (var probeId in ask.ProbeIds)
            {
                var link = links.GetValueOrDefault(probeId);
                _before[(ask.AgentId, probeId)] = link?.LastAt;
                rows.Add(new TestNowRow(ask.AgentId, probeId, ask.HostName, link?.TargetHost ?? TargetOf(probeId), link?.Port ?? PortOf(probeId)));
            }
        }

        Rows = rows;
    }

    /// <summary>Files fresh results; true when a row changed.</summary>
    public bool Update(Func<string, IReadOnlyList<LinkSnapshot>> linksFrom)
    {
        if (Done) return false;
        var changed = false;
        var rows = Rows.ToList();
        foreach (var agent in rows.Where(r => !r.Answered && !r.Dropped).Select(r => r.AgentId).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
        {
            var links = linksFrom(agent).ToDictionary(l => l.ProbeId, StringComparer.Ordinal);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (row.Answered || row.Dropped || !string.Equals(row.AgentId, agent, StringComparison.OrdinalIgnoreCase)) continue;
                if (!links.TryGetValue(row.ProbeId, out var link) || link.LastAt == _before.GetValueOrDefault((row.AgentId, row.ProbeId))) continue;
                rows[i] = row with { Target = link.TargetHost, Port = link.Port, Outcome = link.Outcome, LatencyMs = link.LatencyMs, At = link.LastAt };
                changed = true;
            }
        }

        if (changed) Rows = rows;
        return changed;
    }

    /// <summary>Marks the probes of agents that never picked the request up (<paramref name="status"/> from the queue); true when a row changed.</summary>
    public bool Expire(IReadOnlyList<AgentRequestStatus> status)
    {
        var dropped = status.Where(s => s.State == AgentRequestState.Expired).Select(s => s.AgentId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (dropped.Count == 0) return false;
        var changed = false;
        Rows = Rows.Select(r =>
        {
            if (r.Answered || r.Dropped || !dropped.Contains(r.AgentId)) return r;
            changed = true;
            return r with { Dropped = true };
        }).ToList();
        if (changed) Dropped = DroppedTexts(status);
        return changed;
    }

    /// <summary>The agents whose request was dropped, each once, with why it may have been.</summary>
    public IReadOnlyList<string> DroppedTexts(IReadOnlyList<AgentRequestStatus> status) =>
        status.Where(s => s.State == AgentRequestState.Expired)
            .Select(s => $"{Rows.FirstOrDefault(r => string.Equals(r.AgentId, s.AgentId, StringComparison.OrdinalIgnoreCase))?.Source ?? s.AgentId} did not pick the request up within {AgentRequestQueue.PickupTimeout.TotalSeconds:0} s"
                + (s.EverPolled ? " (it listened before: it may be busy or just lost its connection)" : " (it never listened for requests: an agent older than Test now, or its requests do not get through)"))
            .ToList();

    /// <summary>Probe ids read 'flow/target/port'.</summary>
    private static string? TargetOf(string probeId) => probeId.Split('/') is [_, var target, _] ? target : null;

    private static int? PortOf(string probeId) =>
        probeId.Split('/') is [_, _, var port] && int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
}
