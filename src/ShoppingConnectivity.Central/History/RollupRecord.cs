namespace ShoppingConnectivity.Central.History;

/// <summary>One edge's results in one minute or hour: counts by outcome and latency statistics (see Core/History).</summary>
public abstract class RollupRecord
{
    public string FlowId { get; set; } = "";
    public DateTimeOffset BucketStart { get; set; }
    public long Reachable { get; set; }
    public long Refused { get; set; }
    public long TimedOut { get; set; }
    public long DnsFailed { get; set; }
    public long Unreachable { get; set; }
    public long ProtocolError { get; set; }
    public long Error { get; set; }
    public long Degraded { get; set; }
    public double? LatencyMin { get; set; }
    public double? LatencyMax { get; set; }
    public double LatencySum { get; set; }
    public long LatencyCount { get; set; }
    public string Histogram { get; set; } = "";
}
