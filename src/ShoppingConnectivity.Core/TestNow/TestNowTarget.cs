namespace ShoppingConnectivity.Core.TestNow;

/// <summary>
/// What an operator wants probed now. <see cref="Name"/> is the flow id of an edge, the host of a host, or the source
/// host (agent id) of a link, whose <see cref="ProbeId"/> names the probe.
/// </summary>
public sealed record TestNowTarget(TestNowScope Scope, string Name, string? ProbeId = null)
{
    public static TestNowTarget Edge(string flowId) => new(TestNowScope.Edge, flowId);

    public static TestNowTarget Host(string hostName) => new(TestNowScope.Host, hostName);

    public static TestNowTarget Link(string agentId, string probeId) => new(TestNowScope.Link, agentId, probeId);

    /// <summary>The rate limit's key: one per edge, host or link, whatever the spelling of a host name.</summary>
    public string Key => Scope switch
    {
        TestNowScope.Edge => "edge:" + Name,
        TestNowScope.Host => "host:" + Name.ToLowerInvariant(),
        _ => $"link:{Name.ToLowerInvariant()}|{ProbeId}",
    };

    /// <summary>How the answers name it: 'edge website-shoppingdb-sql', 'host web01', 'link web01 website-shoppingdb-sql/db01/1433'.</summary>
    public override string ToString() => Scope switch
    {
        TestNowScope.Edge => "edge " + Name,
        TestNowScope.Host => "host " + Name,
        _ => $"link {Name} {ProbeId}",
    };
}
