namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>
/// Where a role's box sits on the connections diagram, as a cell of a grid laid over the canvas: columns left to right,
/// rows top to bottom, fractions allowed; the largest column and row in the catalogue reach the canvas's right and
/// bottom edges. A role without one gets a free place by its kind (see the diagram's layout), so a new role in the
/// catalogue is drawn without a code change.
/// </summary>
public sealed record RoleLayout(double Column, double Row);
