namespace ShoppingConnectivity.Central.Data;

public enum DatabaseProvider
{
    /// <summary>One file under the data folder: one central node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: one or several central nodes sharing it.</summary>
    PostgreSql,
}
