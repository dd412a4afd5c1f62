using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.Central.Live;

/// <summary>The current state of one probe on one agent: the live link.</summary>
public sealed class LinkRecord
{
    public required string AgentId { get; set; }
    public required string ProbeId { get; set; }
    public required string FlowId { get; set; }
    public required string TargetHost { get; set; }
    public int Port { get; set; }
    public ProbeOutcome Outcome { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset LastAt { get; set; }
    public double? LatencyMs { get; set; }
    public string? Detail { get; set; }
    public bool Degraded { get; set; }
    public int IntervalSeconds { get; set; }

    /// <summary>The alert rules' count of failed and good runs in a row (Core LinkStreakWindow, serialised).</summary>
    public string? Streak { get; set; }
}
