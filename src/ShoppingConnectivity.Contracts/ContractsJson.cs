using System.Text.Json;

namespace ShoppingConnectivity.Contracts;

/// <summary>The one set of JSON options both sides use, so agent and central never disagree on casing.</summary>
public static class ContractsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
