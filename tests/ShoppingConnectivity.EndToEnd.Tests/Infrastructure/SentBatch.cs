using ShoppingConnectivity.Contracts;

namespace ShoppingConnectivity.EndToEnd.Tests.Infrastructure;

/// <summary>A result batch as it went past the proxy towards central.</summary>
public sealed record SentBatch(DateTimeOffset ArrivedAt, ResultBatch Batch);
