using System.Data.Common;
using ShoppingConnectivity.Central.Live;
using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>
/// A link row as the bulk stores and the listener of other nodes read it: the columns of table l (Links), and the row
/// in those columns as a <see cref="LinkRecord"/>. Times are UTC ticks and the outcome its name, as EF maps them.
/// </summary>
internal static class LinkRows
{
    public const string Columns =
        "l.\"AgentId\", l.\"ProbeId\", l.\"FlowId\", l.\"TargetHost\", l.\"Port\", l.\"Outcome\", l.\"Since\", l.\"LastAt\", " +
        "l.\"LatencyMs\", l.\"Detail\", l.\"Degraded\", l.\"IntervalSeconds\", l.\"Streak\"";

    public static LinkRecord Read(DbDataReader reader) => new()
    {
        AgentId = reader.GetString(0),
        ProbeId = reader.GetString(1),
        FlowId = reader.GetString(2),
        TargetHost = reader.GetString(3),
        Port = reader.GetInt32(4),
        Outcome = Enum.Parse<ProbeOutcome>(reader.GetString(5)),
        Since = new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero),
        LastAt = new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
        LatencyMs = reader.IsDBNull(8) ? null : reader.GetDouble(8),
        Detail = reader.IsDBNull(9) ? null : reader.GetString(9),
        Degraded = reader.GetBoolean(10),
        IntervalSeconds = reader.GetInt32(11),
        Streak = reader.IsDBNull(12) ? null : reader.GetString(12),
    };
}
