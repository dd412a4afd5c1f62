namespace ShoppingConnectivity.Core.Firewall;

/// <summary>One flow from one source host to one target host on one port: a line of a firewall change request.</summary>
public sealed record FirewallRule(
    string FlowId,
    string Purpose,
    string Protocol,
    string SourceRole,
    string SourceHost,
    string SourceAddress,
    string TargetRole,
    string TargetHost,
    string TargetAddress,
    int Port)
{
    /// <summary>Client flows come from every PC of the customer, not only those the estate lists.</summary>
    public bool FromClients => string.Equals(SourceRole, "Client", StringComparison.Ordinal);
}
