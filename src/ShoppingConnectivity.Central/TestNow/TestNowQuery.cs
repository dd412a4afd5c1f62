using ShoppingConnectivity.Core.TestNow;

namespace ShoppingConnectivity.Central.TestNow;

/// <summary>
/// The body of POST /api/v1/test-now: exactly one of an edge (<see cref="Edge"/>: flow id), a host (<see cref="Host"/>)
/// or a link (<see cref="Agent"/>, the source host, and <see cref="Probe"/>, the probe id).
/// </summary>
public sealed record TestNowQuery(string? Edge = null, string? Host = null, string? Agent = null, string? Probe = null)
{
    /// <summary>The target, or the errors that keep it from being one.</summary>
    public (TestNowTarget? Target, IReadOnlyList<string> Errors) Read()
    {
        var given = new[] { !string.IsNullOrWhiteSpace(Edge), !string.IsNullOrWhiteSpace(Host), !string.IsNullOrWhiteSpace(Agent) || !string.IsNullOrWhiteSpace(Probe) }.Count(g => g);
        if (given != 1) return (null, ["Give exactly one of 'edge' (a flow id), 'host' (a host name) or 'agent' with 'probe' (a link)."]);
        if (!string.IsNullOrWhiteSpace(Edge)) return (TestNowTarget.Edge(Edge.Trim()), []);
        if (!string.IsNullOrWhiteSpace(Host)) return (TestNowTarget.Host(Host.Trim()), []);
        if (string.IsNullOrWhiteSpace(Agent) || string.IsNullOrWhiteSpace(Probe)) return (null, ["A link needs both 'agent' (its source host) and 'probe' (its probe id)."]);
        return (TestNowTarget.Link(Agent.Trim().ToLowerInvariant(), Probe.Trim()), []);
    }
}
