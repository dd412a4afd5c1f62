namespace ShoppingConnectivity.Central.History.Pages;

/// <summary>One line of a trend chart: a value per step of the range, null where the step had no result (a gap).</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<double?> Values);
