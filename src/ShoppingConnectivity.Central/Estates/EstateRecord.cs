namespace ShoppingConnectivity.Central.Estates;

/// <summary>
/// One version of the estate, the store of record: the newest row is the estate in force. Versions are never
/// updated, only added, so a write that lost a race (another node wrote the same version) fails on the key.
/// </summary>
public sealed class EstateRecord
{
    public long Version { get; set; }
    /// <summary>The estate as canonical JSON (the estate file format).</summary>
    public required string Document { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public EstateSource Source { get; set; }
    /// <summary>SHA-256 of the estate file this version was imported from or written to; null when no file was involved.</summary>
    public string? FileHash { get; set; }
}
