namespace ShoppingConnectivity.Central.Data;

/// <summary>
/// A stored time as the UTC ticks the database holds (every DateTimeOffset is stored so, see
/// <see cref="CentralDbContext"/>): lets a query compute with times, such as ordering by a duration, on both providers.
/// Only for use inside queries.
/// </summary>
public static class StoredTicks
{
    /// <summary>The column's (or parameter's) ticks; translated to the stored value itself.</summary>
    public static long Of(DateTimeOffset at) => throw new InvalidOperationException($"{nameof(StoredTicks)}.{nameof(Of)} is for queries only (at {at:O}).");
}
