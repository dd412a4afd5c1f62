namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>Makes the bulk store of the configured database (SQLite or PostgreSQL) and tells its errors of an unavailable database apart.</summary>
public sealed class IngestionStoreFactory(Func<IIngestionStore> create, Func<Exception, bool> isUnavailable)
{
    public IIngestionStore Create() => create();

    public bool IsUnavailable(Exception exception) => isUnavailable(exception);
}
