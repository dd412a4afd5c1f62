using Microsoft.Data.Sqlite;
using ShoppingConnectivity.Central.Ingestion;

namespace ShoppingConnectivity.Central.Tests.Ingestion;

public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL, Note TEXT NULL, Size REAL NULL, Raw BLOB NULL);";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Execute_RowsBoundByNumber_StoredAsMicrosoftDataSqliteReadsThem()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (Id, Name, Note, Size, Raw) VALUES ($id, $name, $note, $size, $raw)");
        // Longer than the statement's first text buffer, and not ASCII: the buffer grows and the text stays whole.
        var longName = "Zürich-" + new string('ß', 2_000);

        insert.Integer(1, 1);
        insert.Text(2, "web01");
        insert.Text(3, null);
        insert.Real(4, 12.5);
        insert.Blob(5, [1, 2, 3]);
        var first = insert.Execute();
        insert.Integer(1, 2);
        insert.Text(2, longName);
        insert.Text(3, "note");
        insert.Real(4, null);
        insert.Blob(5, [4]);
        insert.Execute();

        Assert.Equal(1, first);
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT Name, Note, Size, Raw FROM t ORDER BY Id";
        using var reader = read.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(("web01", true, 12.5), (reader.GetString(0), reader.IsDBNull(1), reader.GetDouble(2)));
        Assert.Equal([1, 2, 3], (byte[])reader[3]);
        Assert.True(reader.Read());
        Assert.Equal((longName, "note", true), (reader.GetString(0), reader.GetString(1), reader.IsDBNull(2)));
    }

    [Fact]
    public void Read_Query_ReturnsEachRowsColumnsThenFalse()
    {
        using (var insert = _connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO t (Id, Name, Note, Size) VALUES (7, 'db01', NULL, 3.25), (8, 'ae01', 'ä', NULL)";
            insert.ExecuteNonQuery();
        }

        using var query = new SqliteStatement(_connection, "SELECT Id, Name, Note, Size FROM t WHERE Id >= $from ORDER BY Id");
        query.Integer(1, 7);
        var rows = new List<(long, string, string?, double?)>();
        while (query.Read()) rows.Add((query.GetInteger(0), query.GetText(1), query.GetTextOrNull(2), query.IsNull(3) ? null : query.GetReal(3)));
        query.Reset();

        Assert.Equal([(7L, "db01", null, 3.25), (8L, "ae01", "ä", null)], rows);
    }

    [Fact]
    public void Execute_ConstraintBroken_ThrowsSqliteExceptionWithItsCodeAndTheStatementRunsAgain()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO t (Id, Name) VALUES ($id, $name)");
        insert.Integer(1, 1);
        insert.Text(2, "web01");
        insert.Execute();

        insert.Integer(1, 1);
        insert.Text(2, "again");
        var error = Assert.Throws<SqliteException>(() => insert.Execute());
        insert.Integer(1, 2);
        insert.Text(2, "next");
        var next = insert.Execute();

        // 19: SQLITE_CONSTRAINT, which the writer takes as a batch at fault, not as a database that cannot write.
        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Contains("UNIQUE constraint failed: t.Id", error.Message);
        Assert.False(SqliteIngestionStore.IsUnavailable(error));
        Assert.Equal(1, next);
    }

    [Fact]
    public void Constructor_BadSql_ThrowsSqliteExceptionNamingTheError()
    {
        var error = Assert.Throws<SqliteException>(() => new SqliteStatement(_connection, "INSERT INTO missing VALUES (1)"));

        Assert.Contains("no such table: missing", error.Message);
    }
}
