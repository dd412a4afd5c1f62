namespace ShoppingConnectivity.Central.Alerts;

/// <summary>One edge alert, from the first break until everyone told about it was told it recovered.</summary>
public sealed class AlertRecord
{
    public long Id { get; set; }

    /// <summary>The engine's key ("{flowId}@{opened ticks}").</summary>
    public required string Key { get; set; }

    public required string FlowId { get; set; }
    public required string Edge { get; set; }

    /// <summary>Open or Closed.</summary>
    public required string State { get; set; }

    /// <summary>The edge now: Broken, Ok or NoData.</summary>
    public required string Condition { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>When the outage began (first failed run of the first broken link).</summary>
    public DateTimeOffset Since { get; set; }

    public DateTimeOffset? RecoveredAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Outcome { get; set; }
    public string? Hosts { get; set; }
    public bool Flapping { get; set; }
    public string? SilencedBy { get; set; }
    public DateTimeOffset? LastNoticeAt { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public string? AcknowledgeNote { get; set; }
    public List<AlertEventRecord> Events { get; set; } = [];
    public List<AlertMessageAlert> Messages { get; set; } = [];
}
