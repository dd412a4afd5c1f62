namespace ShoppingConnectivity.Contracts;

/// <summary>Central's answer once a batch is committed.</summary>
public sealed record ResultBatchAccepted(Guid BatchId, int Accepted, bool Duplicate);
