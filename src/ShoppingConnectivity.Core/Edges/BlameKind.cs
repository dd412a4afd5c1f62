namespace ShoppingConnectivity.Core.Edges;

/// <summary>Where a failure most likely sits: one target host, one source host, or only the edge itself.</summary>
public enum BlameKind
{
    /// <summary>Several sources, on any flows, fail to reach one host: that host (or the network in front of it) is the suspect.</summary>
    Target,
    /// <summary>One source fails to reach targets its peers reach: that host (its firewall, routes or DNS) is the suspect.</summary>
    Source,
    /// <summary>Failing links with no common host: the flow itself (a firewall rule on the way) is the suspect.</summary>
    Edge,
}
