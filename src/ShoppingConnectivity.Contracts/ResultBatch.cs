namespace ShoppingConnectivity.Contracts;

/// <summary>A batch of results; <see cref="BatchId"/> lets central store a re-sent batch once.</summary>
public sealed record ResultBatch(Guid BatchId, IReadOnlyList<ProbeResultDto> Results);
