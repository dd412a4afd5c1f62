using System.Text.Json.Serialization;

namespace ShoppingConnectivity.Core.Alerts;

/// <summary>
/// One flow's alert. An alert is open from the first time the edge breaks or turns degraded until it is well again and
/// everyone told it was broken (or degraded) has been told it recovered (or is no longer degraded).
/// <see cref="Notified"/>: recipients were told it is broken (or flapping); <see cref="DegradedNotified"/>: that it is degraded.
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

    public bool DegradedNotified { get; init; }

    /// <summary>When the edge last turned degraded in this alert; null once it broke.</summary>
    public DateTimeOffset? DegradedSince { get; init; }

    /// <summary>When it was no longer degraded; null while it is.</summary>
    public DateTimeOffset? ClearedAt { get; init; }

    /// <summary>The edge as it last was while degraded: what the mail saying it no longer is names.</summary>
    public EdgeAlertStatus? LastDegraded { get; init; }

    /// <summary>Broken since the last break, not yet recovered (silent agents do not end it).</summary>
    [JsonIgnore]
    internal bool InOutage => IsOpen && LastBroken is not null && RecoveredAt is null;

    /// <summary>Degraded since <see cref="DegradedSince"/> and not cleared.</summary>
    [JsonIgnore]
    internal bool InDegradation => IsOpen && DegradedSince is not null && ClearedAt is null;

    [JsonIgnore]
    public bool IsOpen => AlertKey is not null;

    /// <summary>The state once the alert closed; the flow's recent changes stay, so flapping is seen across alerts.</summary>
    internal FlowAlertState Closed() => new() { FlowId = FlowId, Condition = Condition, SilencedBy = SilencedBy, Transitions = Transitions };
}
