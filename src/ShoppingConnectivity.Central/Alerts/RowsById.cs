namespace ShoppingConnectivity.Central.Alerts;

/// <summary>Alert rows are the same alert when their ids are: a ticked row stays ticked when the list reloads.</summary>
public sealed class RowsById : IEqualityComparer<AlertRow>
{
    public static RowsById Instance { get; } = new();

    public bool Equals(AlertRow? x, AlertRow? y) => x?.Id == y?.Id;

    public int GetHashCode(AlertRow obj) => obj.Id.GetHashCode();
}
