using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>One probe run as received (raw history).</summary>
public sealed class ResultRecord
{
    /// <summary>
    /// The JobCursors row of the roll-up, which reads results by id: the writer hands out ids past it as well as past
    /// the newest row, so an id is never used twice even after retention emptied the table.
    /// </summary>
    public const string RollupCursor = "rollup";

    public long Id { get; set; }
    public required string AgentId { get; set; }
    public required string ProbeId { get; set; }
    public required string FlowId { get; set; }
    public ProbeOutcome Outcome { get; set; }
    public double? LatencyMs { get; set; }
    public string? Detail { get; set; }
    public bool Degraded { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Guid BatchId { get; set; }
}
