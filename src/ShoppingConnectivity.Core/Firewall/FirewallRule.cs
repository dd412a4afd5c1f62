using System.Globalization;
using ShoppingConnectivity.Core.Estates;

namespace ShoppingConnectivity.Core.Firewall;

/// <summary>One flow from one source host to one target host on one port: a line of a firewall change request.</summary>
/// <param name="Port">The port opened; for the dynamic RPC opening, the endpoint mapper's port it is negotiated on.</param>
/// <param name="RpcEndpointMapper">The port is the RPC endpoint mapper of a WMI/DCOM flow (135): Windows names it RPCEPMap.</param>
/// <param name="RpcDynamicPorts">Set on the opening that follows the endpoint mapper: the target's dynamic RPC range.</param>
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
    int Port,
    bool RpcEndpointMapper = false,
    RpcPortRange? RpcDynamicPorts = null)
{
    /// <summary>Client flows come from every PC of the customer, not only those the estate lists.</summary>
    public bool FromClients => string.Equals(SourceRole, "Client", StringComparison.Ordinal);

    public bool IsRpcDynamic => RpcDynamicPorts is not null;

    /// <summary>What the network team opens: the port, or the dynamic RPC range ("49152-65535").</summary>
    public string Ports => RpcDynamicPorts?.ToString() ?? Port.ToString(CultureInfo.InvariantCulture);
}
