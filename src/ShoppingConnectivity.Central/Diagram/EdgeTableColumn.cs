namespace ShoppingConnectivity.Central.Diagram;

/// <summary>The columns of the edge table (<see cref="EdgeTable"/>) a header click sorts by.</summary>
public enum EdgeTableColumn
{
    /// <summary>Worst first: broken, partial, degraded, silent, then the longest-standing (the problem list's order).</summary>
    State,
    From,
    To,
    Since,
}
