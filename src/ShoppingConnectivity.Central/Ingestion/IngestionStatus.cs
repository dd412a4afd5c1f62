namespace ShoppingConnectivity.Central.Ingestion;

public enum IngestionStatus
{
    /// <summary>Committed (or found already stored): answer 200.</summary>
    Stored,
    /// <summary>The queue is full: answer 503 with Retry-After; the agent keeps the batch and sends it again.</summary>
    Busy,
    /// <summary>The database cannot write now: 503 with Retry-After.</summary>
    Unavailable,
    /// <summary>The database refused this batch: 500; nothing of it is stored.</summary>
    Failed,
}
