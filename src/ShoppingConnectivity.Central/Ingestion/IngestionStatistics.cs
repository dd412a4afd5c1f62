namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// Totals since start. <see cref="Batches"/> counts duplicates too; <see cref="Rejected"/> are the 503s of a full queue;
/// <see cref="LinksLookedUp"/> are the links the writer read from the database because it did not hold them.
/// </summary>
public sealed record IngestionStatistics(
    long Groups = 0,
    long Batches = 0,
    long Results = 0,
    long Duplicates = 0,
    long Rejected = 0,
    long Failed = 0,
    int LastGroupBatches = 0,
    int LastGroupResults = 0,
    TimeSpan WriteTime = default,
    long LinksLookedUp = 0);
