namespace ShoppingConnectivity.Central.Estates;

/// <summary>A host of the estate in force as the API shows it: its address is the one the agents use (the name when none is set).</summary>
public sealed record EstateHostInForce(string Name, string Address, IReadOnlyList<string> Roles, IReadOnlyDictionary<string, int> Ports);
