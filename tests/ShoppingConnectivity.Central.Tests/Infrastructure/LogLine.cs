using Microsoft.Extensions.Logging;

namespace ShoppingConnectivity.Central.Tests.Infrastructure;

public sealed record LogLine(string Category, LogLevel Level, string Message, string? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : "\n" + Exception)}";
}
