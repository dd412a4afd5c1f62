namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>A kind of box in the diagram.</summary>
public sealed record RoleDefinition(string Id, string Name, string Kind, bool RunsAgent);
