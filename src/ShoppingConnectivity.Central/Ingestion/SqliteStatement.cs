using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// One prepared statement driven through SQLite's own API on a Microsoft.Data.Sqlite connection (its handle, so it
/// runs inside that connection's transaction). The writer's per-row statements go through here: a
/// <see cref="SqliteCommand"/> execution costs several times the insert itself (parameter collection, data reader,
/// statement bookkeeping), and the writer runs two or three of them per result.
/// </summary>
/// <remarks>
/// Parameters are numbered from 1 in the order the SQL names them; text is bound as UTF-8 from one reused buffer.
/// Errors are thrown as <see cref="SqliteException"/> with SQLite's codes, as a command would, so the writer tells a
/// database that cannot write from a batch at fault in the same way.
/// </remarks>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _text = new byte[1024];

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_statement, index));
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _text.Length) _text = new byte[Math.Max(most, _text.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, _text);
        // SQLitePCLRaw binds a span with SQLITE_TRANSIENT: SQLite copies it, so the buffer is free again at once.
        Check(raw.sqlite3_bind_text(_statement, index, _text.AsSpan(0, length)));
    }

    public void Integer(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Real(int index, double? value) =>
        Check(value is { } v ? raw.sqlite3_bind_double(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Blob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs a statement that returns no rows; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var code = raw.sqlite3_step(_statement);
            if (code != raw.SQLITE_DONE && code != raw.SQLITE_ROW) Throw(code);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Steps a query: true while it has a row (read it with the column methods); call <see cref="Reset"/> when done.</summary>
    public bool Read()
    {
        var code = raw.sqlite3_step(_statement);
        if (code == raw.SQLITE_ROW) return true;
        if (code != raw.SQLITE_DONE) Throw(code);
        return false;
    }

    public void Reset() => raw.sqlite3_reset(_statement);

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    public long GetInteger(int column) => raw.sqlite3_column_int64(_statement, column);

    public double GetReal(int column) => raw.sqlite3_column_double(_statement, column);

    public string GetText(int column) => Encoding.UTF8.GetString(raw.sqlite3_column_blob(_statement, column));

    public string? GetTextOrNull(int column) => IsNull(column) ? null : GetText(column);

    public void Dispose() => _statement.Dispose();

    private void Check(int code)
    {
        if (code != raw.SQLITE_OK) Throw(code);
    }

    private void Throw(int code) =>
        throw new SqliteException($"SQLite Error {code}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", code, raw.sqlite3_extended_errcode(_db));
}
