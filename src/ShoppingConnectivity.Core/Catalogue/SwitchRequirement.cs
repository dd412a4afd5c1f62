namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>A switch value a flow needs to be on.</summary>
public sealed record SwitchRequirement(string Switch, bool Is);
