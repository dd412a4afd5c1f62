namespace ShoppingConnectivity.Core.Catalogue;

/// <summary>The row of the source document a flow comes from: table, 1-based row, and that row's Traffic column.</summary>
public sealed record SeedReference(string Table, int Row, string Traffic);
