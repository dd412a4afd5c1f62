namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>A feature switch of an estate that turns flows on or off.</summary>
public sealed record SwitchDefinition(string Id, string Name, string Description, bool Default);
