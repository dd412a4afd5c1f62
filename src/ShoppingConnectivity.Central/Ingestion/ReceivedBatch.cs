namespace ShoppingConnectivity.Central.Ingestion;

/// <summary>A batch already committed, so a batch sent twice is stored once.</summary>
public sealed class ReceivedBatch
{
    public required string AgentId { get; set; }
    public Guid BatchId { get; set; }
    public int Count { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}
