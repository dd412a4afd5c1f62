using Microsoft.Data.Sqlite;
using Npgsql;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>Reads what central stored, straight from its database: its SQLite file (WAL: a reader never blocks central's writer) or PostgreSQL.</summary>
public static class StoredResults
{
    public static List<StoredResult> Read(string databasePath)
    {
        if (!File.Exists(databasePath)) return [];
        // No pooling: the handle is closed at once, so the test can delete the folder afterwards.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT AgentId, ProbeId, At, BatchId FROM Results ORDER BY At";
        using var reader = command.ExecuteReader();
        var rows = new List<StoredResult>();
        while (reader.Read())
        {
            // Central stores times as UTC ticks and a result's batch id as 16 bytes.
            rows.Add(new StoredResult(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), new Guid((byte[])reader.GetValue(3))));
        }

        return rows;
    }

    /// <summary>Every result in central's PostgreSQL database (batch ids are uuid there, times the same UTC ticks).</summary>
    public static List<StoredResult> ReadPostgreSql(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT \"AgentId\", \"ProbeId\", \"At\", \"BatchId\" FROM \"Results\" ORDER BY \"At\"", connection);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredResult>();
        while (reader.Read())
        {
            rows.Add(new StoredResult(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero), reader.GetGuid(3)));
        }

        return rows;
    }
}
