namespace ShoppingConnectivity.Central.History;

/// <summary>Where a background job got to (the rollup job's last processed result id).</summary>
public sealed class JobCursor
{
    public required string Name { get; set; }
    public long Position { get; set; }
}
