using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// One flow's alert. An alert is open from the first time the edge breaks until it is well again and everyone told
/// it was broken has been told it recovered. <see cref="Notified"/>: recipients were told it is broken (or flapping).
/// </summary>
public sealed record FlowAlertState
{
    public required string FlowId { get; init; }
    public EdgeCondition Condition { get; init; } = EdgeCondition.NoData;
    public string? AlertKey { get; init; }
    public DateTimeOffset? Since { get; init; }
    public bool Notified { get; init; }
    public DateTimeOffset? LastNoticeAt { get; init; }
    public bool Acknowledged { get; init; }
    public IReadOnlyList<DateTimeOffset> Transitions { get; init; } = [];
    public bool Flapping { get; init; }
    public bool FlapNoticeSent { get; init; }
    public string? SilencedBy { get; init; }

    /// <summary>The edge as it last was while broken: what the recovered mail names.</summary>
    public EdgeAlertStatus? LastBroken { get; init; }

    public DateTimeOffset? RecoveredAt { get; init; }

    [JsonIgnore]
    public bool IsOpen => AlertKey is not null;

    /// <summary>The state once the alert closed; the flow's recent changes stay, so flapping is seen across alerts.</summary>
    internal FlowAlertState Closed() => new() { FlowId = FlowId, Condition = Condition, SilencedBy = SilencedBy, Transitions = Transitions };
}
