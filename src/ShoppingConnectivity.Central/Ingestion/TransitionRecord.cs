using ShoppingConnectivity.Contracts;
using ShoppingConnectivity.Core.History;

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

    public static TransitionRecord From(LinkTransition t) => new()
    {
        AgentId = t.AgentId, ProbeId = t.ProbeId, FlowId = t.FlowId, TargetHost = t.TargetHost, Port = t.Port, FromOutcome = t.From, ToOutcome = t.To, At = t.At,
    };

    public LinkTransition ToTransition() => new(AgentId, ProbeId, FlowId, TargetHost, Port, FromOutcome, ToOutcome, At);
}
