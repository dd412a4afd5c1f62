namespace ShoppingConnectivity.Central.Alerts;

/// <summary>One page of the alert list and how many alerts match the filters in all.</summary>
public sealed record AlertListPage(IReadOnlyList<AlertRow> Rows, int Total);
