namespace ShoppingConnectivity.Central.Estates;

/// <summary>A host of the estate in force as the API shows it: its address is the one the agents use (the name when none is set).</summary>
/// <param name="RpcDynamicPorts">The host's own dynamic RPC range ("5000-5100"); null: the estate's.</param>
public sealed record EstateHostInForce(string Name, string Address, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, int> Ports, string? RpcDynamicPorts = null);
