using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.Edges;

namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>A link changed outcome (or got its first result): kept long, the source of outage timelines and replay.</summary>
public sealed class TransitionRecord
{
    public long Id { get; set; }
    public required string AgentId { get; set; }
    public required string ProbeId { get; set; }
    public required string FlowId { get; set; }
    public required string TargetHost { get; set; }
    public int Port { get; set; }
    public ProbeOutcome? FromOutcome { get; set; }
    public ProbeOutcome ToOutcome { get; set; }
    public DateTimeOffset At { get; set; }
}
