namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>A kind of box in the diagram; <paramref name="Layout"/> places it (optional: a new role gets a free place).</summary>
public sealed record RoleDefinition(string Id, string Name, string Kind, bool RunsAgent, RoleLayout? Layout = null);
